import type { Flavour, RequestContext } from '../types.js';
import { anthropicFlavour } from './anthropic.js';
import { azureFlavour } from './azure.js';
import { geminiFlavour } from './gemini.js';
import { openaiFlavour } from './openai.js';

export interface FlavourHandler {
  /** Answers a request the default way (auth, validation, success body or stream). */
  handle(ctx: RequestContext): void;
  /** The provider's real error body for a scripted status without a `body`. */
  errorBody(status: number): unknown;
}

export const FLAVOURS: Record<Flavour, FlavourHandler> = {
  openai: openaiFlavour,
  azure: azureFlavour,
  anthropic: anthropicFlavour,
  gemini: geminiFlavour,
};
