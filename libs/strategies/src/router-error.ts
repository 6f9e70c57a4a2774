/** Routing failures that are the caller's fault: the gateway answers 400 with the message. */
export class RouterError extends Error {
  readonly status = 400;

  constructor(message: string) {
    super(message);
    this.name = 'RouterError';
  }
}

/** The reference's message, verbatim. */
export const NO_ROUTE_MESSAGE = 'Query router did not resolve to any valid target';
