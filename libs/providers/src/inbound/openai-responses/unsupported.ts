import { UnsupportedRequestError } from '../../core/types.js';

/** Errors name the endpoint so a client sees which translation refused its request. */
export function unsupported(message: string): UnsupportedRequestError {
  return new UnsupportedRequestError(`/v1/responses: ${message}`);
}
