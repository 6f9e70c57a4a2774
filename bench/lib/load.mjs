// Load runs with autocannon's programmatic API.
//
// autocannon's own latency histogram records whole milliseconds (hdr-histogram with integer
// buckets: a 0.09 ms request is reported as p50 = 0), too coarse for sub-millisecond overheads.
// So each response's time (autocannon measures it with process.hrtime, in fractional ms) is
// captured from the instance's 'response' event, and p50 / p99 / mean come from those samples.
// Requests/s is autocannon's own mean of its per-second samples.
import autocannon from 'autocannon';
import { Samples, summarize } from './stats.mjs';

function run(opts, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    if (onResponse) instance.on('response', onResponse);
  });
}

/**
 * Warm-up (`warmupS` seconds, discarded), then a measured run of `durationS` seconds.
 * `verify(body)` is checked on each response (failures count as mismatches).
 */
export async function loadRun({ url, headers, body, connections, durationS, warmupS, verify, cpu }) {
  const base = {
    url,
    method: 'POST',
    headers,
    body,
    connections,
    pipelining: 1,
    timeout: 10,
    verifyBody: verify,
  };
  if (warmupS > 0) await run({ ...base, duration: warmupS });

  const latencies = new Samples();
  const cpuBefore = cpu?.snapshot();
  const result = await run({ ...base, duration: durationS }, (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const other = cpu ? cpu.share(cpuBefore, cpu.snapshot()) : { share: NaN, top: [] };
  const lat = summarize(latencies);
  return {
    connections,
    rps: result.requests.average,
    total2xx: result['2xx'],
    durationS: result.duration,
    p50: lat.p50,
    p99: lat.p99,
    mean: lat.mean,
    max: lat.max,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    foreignCpu: other.share,
    foreignTop: other.top,
  };
}
