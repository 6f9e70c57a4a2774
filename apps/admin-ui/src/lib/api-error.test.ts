import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, errorMessage } from './api-error';

describe('errors in words', () => {
  it('uses the server’s message and names the field', async () => {
    const error = await errorFromResponse(new Response(JSON.stringify({ status: 'failure', message: 'must be an http(s) URL', field: 'settings.customHost' }), { status: 400 }));
    expect(errorMessage(error)).toBe('settings.customHost: must be an http(s) URL');
  });

  it('turns a body that is not ours (an HTML 502 from a proxy) into a sentence', async () => {
    const error = await errorFromResponse(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(errorMessage(error)).toBe('The gateway is unreachable');
  });

  it('never prints [object Object]', () => {
    for (const thrown of [{ some: 'object' }, null, undefined, 42, new Error(''), new ApiError(500, 'internal error')]) {
      expect(errorMessage(thrown)).not.toContain('[object');
      expect(errorMessage(thrown).length).toBeGreaterThan(3);
    }
  });
});
