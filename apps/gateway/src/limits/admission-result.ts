/**
 * Both stores answer an admission with the same flat numbers (Lua can only return arrays): this
 * turns them into the result the limiter uses, so the two stores cannot drift apart here.
 *
 * Accepted: per scope, for each dimension in DIMENSIONS order, [limit, remaining, resetMs] with
 * limit -1 where the scope sets none. Refused: [scope index, dimension index, limit, remaining, resetMs].
 */
import { type AdmissionRequest, type AdmissionResult, type Allowance, DIMENSIONS, type Dimension, type Reservation, WINDOW_MS } from './limit-rules.js';

/** Replicas' clocks differ by a few ms: a minute window never resets more than a minute away. */
function resetOf(dim: Dimension, resetMs: number): number {
  const clamped = Math.max(0, resetMs);
  return dim === 'requests' || dim === 'tokens' ? Math.min(WINDOW_MS, clamped) : clamped;
}

export type RawAdmission = { ok: true; perScope: number[][] } | { ok: false; refusal: number[] };

export function toAdmissionResult(request: AdmissionRequest, reservation: Reservation, raw: RawAdmission): AdmissionResult {
  if (!raw.ok) {
    const [scope, dim, limit, remaining, resetMs] = raw.refusal;
    return { ok: false, dimension: DIMENSIONS[dim], scope: request.scopes[scope], allowance: { limit, remaining: Math.max(0, remaining), resetMs: resetOf(DIMENSIONS[dim], resetMs) } };
  }
  const allowance: Partial<Record<Dimension, Allowance>> = {};
  const alerts: string[] = [];
  raw.perScope.forEach((numbers, s) => {
    DIMENSIONS.forEach((dim, d) => {
      const limit = numbers[d * 3];
      if (limit < 0) return;
      const current: Allowance = { limit, remaining: Math.max(0, numbers[d * 3 + 1]), resetMs: resetOf(dim, numbers[d * 3 + 2]) };
      const tightest = allowance[dim];
      if (!tightest || current.remaining < tightest.remaining) allowance[dim] = current;
      const threshold = request.scopes[s].rule.alertThreshold;
      if (threshold !== undefined && (dim === 'cost-day' || dim === 'cost-month')) {
        // Fires once: on the admission that carries the spend across the threshold.
        const spentAfter = limit - current.remaining;
        const spentBefore = spentAfter - request.estimatedCostNanoUsd;
        if (spentBefore < threshold * limit && spentAfter >= threshold * limit) alerts.push(`${request.scopes[s].label} ${dim}`);
      }
    });
  });
  return { ok: true, reservation, allowance, alerts };
}
