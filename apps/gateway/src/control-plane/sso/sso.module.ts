/**
 * Team SSO (OpenID Connect): connections per workspace, the sign-in flow, just-in-time
 * provisioning and seeding from the environment. Imported by AdminModule, whose controllers expose
 * it; the control plane's global services (Prisma, audit, admin auth) are injected from there.
 */
import { Module } from '@nestjs/common';
import { CONTROL_PLANE_OPTIONS, type ControlPlaneOptions } from '../control-plane.options.js';
import { OidcClient } from './oidc.client.js';
import { SsoConnectionsService } from './sso-connections.service.js';
import { SsoLoginService } from './sso-login.service.js';
import { SsoProvisioningService } from './sso-provisioning.service.js';
import { SsoSecretBox } from './sso-secret-box.js';
import { SsoSeedService } from './sso-seed.service.js';
import { SSO_OPTIONS, ssoOptionsFromEnv } from './sso.options.js';

@Module({
  providers: [
    { provide: SSO_OPTIONS, useFactory: () => ssoOptionsFromEnv(process.env) },
    { provide: SsoSecretBox, useFactory: (o: ControlPlaneOptions) => new SsoSecretBox(o.masterKey), inject: [CONTROL_PLANE_OPTIONS] },
    OidcClient,
    SsoConnectionsService,
    SsoProvisioningService,
    SsoLoginService,
    SsoSeedService,
  ],
  exports: [SsoConnectionsService, SsoLoginService, SSO_OPTIONS],
})
export class SsoModule {}
