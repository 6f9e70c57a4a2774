import type { OutgoingHttpHeaders } from 'node:http';
import type { Flavour, RequestContext } from '../types.js';
import { ai21Flavour } from './ai21.js';
import { anthropicFlavour } from './anthropic.js';
import { azureFlavour } from './azure.js';
import { bedrockFlavour } from './bedrock.js';
import { cohereFlavour } from './cohere.js';
import { handleEcho } from './echo.js';
import { geminiFlavour } from './gemini.js';
import { nomicFlavour } from './nomic.js';
import { ociFlavour } from './oci.js';
import { oauthFlavour } from './oauth.js';
import { ollamaFlavour } from './ollama.js';
import { openaiFlavour } from './openai.js';
import { replicateFlavour } from './replicate.js';
import { segmindFlavour } from './segmind.js';
import { stabilityFlavour } from './stability.js';
import { vertexFlavour } from './vertex.js';
import { voyageFlavour } from './voyage.js';
import { watsonxFlavour } from './watsonx.js';
import { workersAiFlavour } from './workers-ai.js';

export interface FlavourHandler {
  /** Answers a request the default way (auth, validation, success body or stream). */
  handle(ctx: RequestContext): void;
  /** The provider's real error body for a scripted status without a `body`. */
  errorBody(status: number): unknown;
  /** Headers that go with that error (Bedrock's `x-amzn-errortype`). */
  errorHeaders?(status: number): OutgoingHttpHeaders;
}

export const FLAVOURS: Record<Flavour, FlavourHandler> = {
  openai: openaiFlavour,
  azure: azureFlavour,
  anthropic: anthropicFlavour,
  gemini: geminiFlavour,
  vertex: vertexFlavour,
  bedrock: bedrockFlavour,
  cohere: cohereFlavour,
  stability: stabilityFlavour,
  ollama: ollamaFlavour,
  voyage: voyageFlavour,
  nomic: nomicFlavour,
  ai21: ai21Flavour,
  replicate: replicateFlavour,
  segmind: segmindFlavour,
  'workers-ai': workersAiFlavour,
  oci: ociFlavour,
  watsonx: watsonxFlavour,
  oauth: oauthFlavour,
  // Passthrough calls are OpenAI's in practice: scripted errors use OpenAI's envelope.
  echo: { handle: handleEcho, errorBody: openaiFlavour.errorBody },
};
