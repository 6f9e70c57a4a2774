import { Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '../openapi.decorators.js';
import { type ProviderCatalogEntry, ProviderRegistry } from '../../providers/provider-registry.js';
import { ADMIN_PREFIX, AdminController } from './admin-controller.js';

/** The response schema, written out for the OpenAPI document (the type is ProviderCatalogEntry). */
const CATALOG_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'name', 'needsCustomHost', 'plugin', 'endpoints'],
    properties: {
      id: { type: 'string', example: 'openai', description: 'The id used in x-portkey-provider, configs and virtual keys' },
      name: { type: 'string', example: 'OpenAI' },
      needsCustomHost: { type: 'boolean', description: 'No built-in base URL: a virtual key needs a custom host' },
      plugin: { type: 'boolean', description: 'Loaded from GATEWAY_PROVIDER_PLUGINS' },
      endpoints: { type: 'array', items: { type: 'string' }, example: ['chatComplete', 'embed'] },
    },
  },
};

/**
 * The providers this gateway routes to, plug-ins included: the console's provider pickers read
 * them from here, so a provider loaded at start-up is offered like a built-in one.
 */
@AdminController(`${ADMIN_PREFIX}/providers`, 'providers')
export class ProvidersController {
  private readonly registry: ProviderRegistry;

  // An admin API started without the gateway (its own tests) has no registry: the built-ins.
  constructor(@Optional() @Inject(ProviderRegistry) registry?: ProviderRegistry) {
    this.registry = registry ?? ProviderRegistry.withBuiltIns();
  }

  @Get()
  @ApiOperation({ summary: 'Every provider this gateway routes to (built-in and plug-ins), sorted by name: what the provider pickers offer' })
  @ApiOkResponse({ schema: CATALOG_SCHEMA as never })
  list(): ProviderCatalogEntry[] {
    return this.registry.catalog();
  }
}
