/**
 * Domain errors of the control plane. Services throw these; the admin API maps each code to its
 * HTTP status in one exhaustive switch (admin/admin-error.filter.ts).
 */
export enum ControlPlaneErrorCode {
  /** Bad input; `field` names the offending field. */
  Invalid = 'invalid',
  /** Missing, or belonging to another workspace (never tell the two apart). */
  NotFound = 'not_found',
  Conflict = 'conflict',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
}

export class ControlPlaneError extends Error {
  override name = 'ControlPlaneError';
  constructor(
    readonly code: ControlPlaneErrorCode,
    message: string,
    readonly field?: string,
    /** Detail lines, e.g. the config schema's `path: …, message: …` strings (same as the gateway's 400). */
    readonly errors?: string[],
  ) {
    super(message);
  }

  static notFound(what: string): ControlPlaneError {
    return new ControlPlaneError(ControlPlaneErrorCode.NotFound, `${what} not found`);
  }

  static invalid(field: string, message: string): ControlPlaneError {
    return new ControlPlaneError(ControlPlaneErrorCode.Invalid, `${field}: ${message}`, field);
  }
}
