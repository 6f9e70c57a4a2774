import { newId } from '../content.js';

/** Cohere's error envelope and usage object, shared by its endpoints. */

type Json = Record<string, any>;

const MESSAGES: Record<number, string> = {
  400: 'invalid request',
  401: 'invalid api token',
  404: 'model not found, make sure the correct model ID was used and that you have access to the model.',
  422: 'unprocessable entity',
  429: 'You are past the per-minute request limit, please wait and try again later.',
  500: 'internal server error, this has been reported to our developers.',
  503: 'service unavailable, please try again later.',
};

export function cohereError(status: number, message?: string): Json {
  return { id: newId(''), message: message ?? MESSAGES[status] ?? `error ${status}` };
}

/** Raw `tokens.input_tokens` include Cohere's prompt template; billed ones do not. */
export const TEMPLATE_TOKENS = 7;

export function cohereUsage(input: number, output: number): Json {
  return { billed_units: { input_tokens: input, output_tokens: output }, tokens: { input_tokens: input + TEMPLATE_TOKENS, output_tokens: output } };
}
