/**
 * Why an SSO sign-in failed, as a stable code (the console can match on it) with a message a
 * person can act on, and the HTTP status that fits: the browser did something wrong (400), the
 * IdP or its tokens were refused (401), the person may not enter (403), the IdP is down (502).
 * Messages name the IdP's own error when there is one, never a token or secret.
 */
import { HttpException } from '@nestjs/common';

export type SsoFailure =
  | 'state_missing'
  | 'state_mismatch'
  | 'idp_error'
  | 'code_rejected'
  | 'nonce_mismatch'
  | 'token_invalid'
  | 'idp_unreachable'
  | 'email_missing'
  | 'email_unverified'
  | 'domain_not_allowed'
  | 'no_access'
  | 'connection_disabled'
  | 'connection_not_found';

const STATUS: Record<SsoFailure, number> = {
  state_missing: 400,
  state_mismatch: 400,
  idp_error: 401,
  code_rejected: 401,
  nonce_mismatch: 401,
  token_invalid: 401,
  idp_unreachable: 502,
  email_missing: 403,
  email_unverified: 403,
  domain_not_allowed: 403,
  no_access: 403,
  connection_disabled: 403,
  connection_not_found: 404,
};

export class SsoError extends HttpException {
  constructor(
    readonly reason: SsoFailure,
    /** The reason alone, for the sign-in page (the message adds "SSO sign-in failed: "). */
    readonly detail: string,
  ) {
    super(`SSO sign-in failed: ${detail}`, STATUS[reason]);
  }
}
