import type { CheckServices } from '@aigw/guardrails';
import type { UpstreamClient } from '../upstream/upstream-client.js';

/** Bounds a webhook's answer: a guardrail verdict is small, a huge body is a misbehaving service. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Checks' only way out (the webhook check): the gateway's upstream client, so the egress policy
 * (refused ranges, metadata addresses, what names resolve to at connect) applies to a URL that a
 * caller's config chose, exactly as it does to a caller's custom host.
 */
export function checkServices(upstream: UpstreamClient): CheckServices {
  return {
    async postJson(url, body, headers, signal) {
      let origin: string;
      try {
        origin = new URL(url).origin;
      } catch {
        throw new Error(`invalid webhook URL ${url}`);
      }
      const refused = upstream.refusal(origin, 'caller');
      if (refused) throw refused;
      const response = await upstream.request({
        url,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
        egress: 'caller',
      });
      const length = Number(response.headers['content-length'] ?? 0);
      if (length > MAX_ANSWER_BYTES) {
        await response.body.dump();
        throw new Error('the webhook answer is too large');
      }
      const text = await response.body.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.statusCode, json };
    },
  };
}
