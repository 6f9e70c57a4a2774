// Single requests with node:http: the pre-flight check of each target and the streaming
// time-to-first-byte measurement.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Samples, summarize } from './stats.mjs';

/** One request; resolves with status, headers, body text, and the time to the first body byte. */
export function request(target, body, { agent, timeoutMs = 10_000 } = {}) {
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstByteMs = NaN;
    const req = http.request(
      {
        host: target.host,
        port: target.port,
        path: target.path,
        method: 'POST',
        agent: agent ?? false,
        headers: { ...target.headers, 'content-length': payload.length },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => {
          if (chunks.length === 0) firstByteMs = performance.now() - t0;
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            firstByteMs,
            totalMs: performance.now() - t0,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Does a JSON chat completion answer look right? Returns an error string, or null when fine. */
export function checkJson(res) {
  if (res.status !== 200) return `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
  let parsed;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    return `HTTP 200 but the body is not JSON: ${res.text.slice(0, 300)}`;
  }
  const content = parsed?.choices?.[0]?.message?.content;
  if (!Array.isArray(parsed?.choices) || typeof content !== 'string' || content.length === 0) {
    return `HTTP 200 but no choices[0].message.content: ${res.text.slice(0, 300)}`;
  }
  return null;
}

/** Does a streamed chat completion look right (SSE chunks with choices, ending in [DONE])? */
export function checkStream(res) {
  if (res.status !== 200) return `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('text/event-stream')) return `HTTP 200 but content-type "${type}": ${res.text.slice(0, 300)}`;
  if (!/(^|\n)data: \[DONE\]\s*$/.test(res.text)) return `stream does not end with "data: [DONE]": …${res.text.slice(-300)}`;
  const chunks = res.text
    .split('\n')
    .filter((l) => l.startsWith('data: {'))
    .map((l) => {
      try {
        return JSON.parse(l.slice(6));
      } catch {
        return null;
      }
    });
  if (chunks.length === 0 || chunks.some((c) => c === null)) return `stream has no (or unparseable) data chunks: ${res.text.slice(0, 300)}`;
  if (!chunks.some((c) => Array.isArray(c.choices))) return `stream chunks carry no choices: ${res.text.slice(0, 300)}`;
  return null;
}

/** Cheap body checks for every response under load (autocannon's verifyBody → "mismatches"). */
export const verifyBody = {
  json: (body) => body.includes('"choices"'),
  stream: (body) => /data: \[DONE\]\s*$/.test(body),
};

/**
 * Sequential requests (concurrency 1, one keep-alive connection per target): `warmup` unrecorded
 * rounds, then `count` recorded ones; `metric` is 'firstByteMs' (time to the first body byte) or
 * 'totalMs' (whole response).
 *
 * With a `baseline` target, every round sends one request to each (alternating which goes first),
 * so both see the same machine conditions: on a shared 2-core machine the baseline drifts by a
 * tenth of a millisecond from minute to minute, as large as the overheads being measured. The
 * result then also carries the baseline's own summary and the median of the per-round differences.
 */
export async function measureSequential(target, body, { count, warmup, metric, check, cpu, baseline }) {
  const agents = [new http.Agent({ keepAlive: true, maxSockets: 1 }), new http.Agent({ keepAlive: true, maxSockets: 1 })];
  const samples = new Samples(count);
  const baseSamples = new Samples(count);
  const diffs = new Samples(count);
  let failures = 0;
  let firstFailure = null;
  let cpuBefore;

  const one = async (t, agent) => {
    let res;
    let problem;
    try {
      res = await request(t, body, { agent });
      problem = check(res);
    } catch (e) {
      problem = e.message;
    }
    if (problem) {
      failures++;
      firstFailure ??= `${t.name}: ${problem}`;
      return NaN;
    }
    return res[metric];
  };

  try {
    for (let i = 0; i < warmup + count; i++) {
      if (i === warmup) cpuBefore = cpu?.snapshot();
      let value;
      let base = NaN;
      if (!baseline) {
        value = await one(target, agents[0]);
      } else if (i % 2 === 0) {
        value = await one(target, agents[0]);
        base = await one(baseline, agents[1]);
      } else {
        base = await one(baseline, agents[1]);
        value = await one(target, agents[0]);
      }
      if (i < warmup) continue;
      if (Number.isFinite(value)) samples.push(value);
      if (Number.isFinite(base)) baseSamples.push(base);
      if (Number.isFinite(value) && Number.isFinite(base)) diffs.push(value - base);
    }
  } finally {
    for (const a of agents) a.destroy();
  }
  const other = cpu && cpuBefore ? cpu.share(cpuBefore, cpu.snapshot()) : { share: NaN, top: [] };
  const out = { ...summarize(samples), failures, firstFailure, foreignCpu: other.share, foreignTop: other.top };
  if (baseline) {
    out.baseline = summarize(baseSamples);
    const d = summarize(diffs);
    out.pairedDiff = { p50: d.p50, mean: d.mean, count: d.count };
  }
  return out;
}
