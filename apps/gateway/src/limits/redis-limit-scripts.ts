/**
 * The Redis side of the limits: one Lua script, one round trip per decision. It first applies the
 * settlements this process has queued for the workspace (real usage replacing estimates, freed
 * concurrency slots), then checks every scope of the new request and reserves in all of them or in
 * none, atomically however many replicas ask at once. With no scope to admit it only settles (the
 * batch flushed when no admission came along). The decision mirrors MemoryLimitStore.decide (same
 * windows, same order, same numbers returned).
 *
 * Each scope is a group of 3 KEYS:
 *   log   zset, one member `id|tokens` per admitted request, scored by its admission time: the
 *         sliding minute of both requests per minute (its size) and tokens per minute (its tokens);
 *   state hash: tsum (tokens of the log's members), d/dc (UTC day and the cost charged on it),
 *         m/mc (UTC month and its cost), costs in integer nano-dollars; x (when the three keys'
 *         expiries were last pushed back: every 10 s, not on every request);
 *   conc  zset of concurrency leases (member = reservation id, score = lease expiry).
 * Few commands per scope matter more than anything else here: Redis spends about a microsecond per
 * redis.call, and on a busy host it shares the cores with the gateway.
 *
 * ARGV: settlements, admitted scopes, now, window, lease, day, month, ms to next day, ms to next
 * month; when admitting: id, estimated tokens, estimated cost, then 5 limits per admitted scope
 * (rpm, tpm, concurrent, day budget, month budget in nano-dollars; -1 = none), the admitted scopes
 * being groups 1..n; then per settlement: id, estimated tokens, actual tokens, log score, cost delta
 * (actual − estimated), its day, its month, its number of groups, then those group numbers (1-based).
 *
 * Returns {1} after settling only; {1, 15 numbers per admitted scope} when admitted (per dimension:
 * limit, remaining, reset ms; limit -1 where the scope sets none); {0, scope, dimension, limit,
 * remaining, reset ms} when refused.
 */
export const LIMITS_SCRIPT = `
local nSettle = tonumber(ARGV[1])
local nAdmit = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local lease = tonumber(ARGV[5])
local day, month = ARGV[6], ARGV[7]
local nextDay, nextMonth = tonumber(ARGV[8]), tonumber(ARGV[9])
local STATE_TTL = 32 * 86400000
local REFRESH = 10000

local a = 10
if nAdmit > 0 then a = 13 + nAdmit * 5 end
-- Settlements first: what this process finished is free for the request it admits next.
for i = 1, nSettle do
  local sid, sest, actual, score, delta = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), ARGV[a + 3], tonumber(ARGV[a + 4])
  local sday, smonth, n = ARGV[a + 5], ARGV[a + 6], tonumber(ARGV[a + 7])
  for j = 1, n do
    local k = (tonumber(ARGV[a + 7 + j]) - 1) * 3
    redis.call('ZREM', KEYS[k + 3], sid)
    local tdelta = 0
    if actual ~= sest and redis.call('ZREM', KEYS[k + 1], sid .. '|' .. sest) == 1 then
      redis.call('ZADD', KEYS[k + 1], score, sid .. '|' .. actual)
      tdelta = actual - sest
    end
    if tdelta ~= 0 or delta ~= 0 then
      local st = redis.call('HMGET', KEYS[k + 2], 'tsum', 'd', 'dc', 'm', 'mc')
      local fields = {}
      if tdelta ~= 0 then table.insert(fields, 'tsum'); table.insert(fields, tonumber(st[1] or '0') + tdelta) end
      if delta ~= 0 and st[2] == sday then table.insert(fields, 'dc'); table.insert(fields, tonumber(st[3]) + delta) end
      if delta ~= 0 and st[4] == smonth then table.insert(fields, 'mc'); table.insert(fields, tonumber(st[5]) + delta) end
      if #fields > 0 then redis.call('HSET', KEYS[k + 2], unpack(fields)) end
    end
  end
  a = a + 8 + n
end
if nAdmit == 0 then return {1} end

local id, est, estCost = ARGV[10], tonumber(ARGV[11]), tonumber(ARGV[12])
local since = now - window
local out = {}
local sums, spentDay, spentMonth, dirty, refreshed = {}, {}, {}, {}, {}
-- A refusal still keeps what the decision learnt (entries that left the window).
local function refuse(upto, s, dim, limit, remaining, reset)
  for t = 0, upto do
    if dirty[t] then redis.call('HSET', KEYS[t * 3 + 2], 'tsum', sums[t]) end
  end
  return {0, s, dim, limit, remaining, reset}
end
for s = 0, nAdmit - 1 do
  local k = s * 3
  local b = 12 + s * 5
  local rpm, tpm, conc = tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3])
  local dayLimit, monthLimit = tonumber(ARGV[b + 4]), tonumber(ARGV[b + 5])
  local st = redis.call('HMGET', KEYS[k + 2], 'tsum', 'd', 'dc', 'm', 'mc', 'x')
  refreshed[s] = tonumber(st[6] or '0')
  local numbers = {}
  if rpm >= 0 or tpm >= 0 then
    local sum = tonumber(st[1] or '0')
    -- The oldest few entries: those that left the window are dropped (their tokens with them),
    -- the first one still inside tells when the window frees up.
    local head = redis.call('ZRANGE', KEYS[k + 1], 0, 1, 'WITHSCORES')
    local expired, first = 0, nil
    for i = 1, #head, 2 do
      local ts = tonumber(head[i + 1])
      if ts > since then first = ts; break end
      sum = sum - tonumber(string.match(head[i], '|(%-?%d+)$'))
      expired = expired + 1
    end
    if expired == 2 then
      local more = redis.call('ZRANGEBYSCORE', KEYS[k + 1], '-inf', since, 'LIMIT', 2, -1)
      for _, member in ipairs(more) do sum = sum - tonumber(string.match(member, '|(%-?%d+)$')) end
      expired = expired + #more
      local after = redis.call('ZRANGE', KEYS[k + 1], expired, expired, 'WITHSCORES')
      if #after > 0 then first = tonumber(after[2]) end
    end
    if expired > 0 then redis.call('ZREMRANGEBYRANK', KEYS[k + 1], 0, expired - 1); dirty[s] = true end
    local count = redis.call('ZCARD', KEYS[k + 1])
    -- An empty (or expired) log holds no tokens, whatever an older state says.
    if count == 0 and sum ~= 0 then sum = 0; dirty[s] = true end
    sums[s] = sum
    local reset = window
    if first then reset = first + window - now end
    if rpm >= 0 then
      if count + 1 > rpm then return refuse(s, s, 0, rpm, rpm - count, reset) end
      table.insert(numbers, rpm); table.insert(numbers, rpm - count - 1); table.insert(numbers, reset)
    else table.insert(numbers, -1); table.insert(numbers, 0); table.insert(numbers, 0) end
    if tpm >= 0 then
      if sum + est > tpm then
        local freed, wait = 0, window
        local entries = redis.call('ZRANGE', KEYS[k + 1], 0, 999, 'WITHSCORES')
        for i = 1, #entries, 2 do
          freed = freed + tonumber(string.match(entries[i], '|(%-?%d+)$'))
          if sum - freed + est <= tpm then wait = tonumber(entries[i + 1]) + window - now; break end
        end
        return refuse(s, s, 1, tpm, tpm - sum, wait)
      end
      table.insert(numbers, tpm); table.insert(numbers, tpm - sum - est); table.insert(numbers, reset)
    else table.insert(numbers, -1); table.insert(numbers, 0); table.insert(numbers, 0) end
  else
    for i = 1, 6 do table.insert(numbers, i % 3 == 1 and -1 or 0) end
  end
  if conc >= 0 then
    -- Leases past their expiry (a replica that crashed) do not count.
    local held = redis.call('ZCOUNT', KEYS[k + 3], '(' .. now, '+inf')
    if held + 1 > conc then return refuse(s, s, 2, conc, 0, 1000) end
    table.insert(numbers, conc); table.insert(numbers, conc - held - 1); table.insert(numbers, 0)
  else table.insert(numbers, -1); table.insert(numbers, 0); table.insert(numbers, 0) end
  spentDay[s] = (st[2] == day and tonumber(st[3])) or 0
  spentMonth[s] = (st[4] == month and tonumber(st[5])) or 0
  for c = 0, 1 do
    local limit, spent, reset = dayLimit, spentDay[s], nextDay
    if c == 1 then limit, spent, reset = monthLimit, spentMonth[s], nextMonth end
    if limit >= 0 then
      if spent >= limit or spent + estCost > limit then return refuse(s, s, 3 + c, limit, limit - spent, reset) end
      table.insert(numbers, limit); table.insert(numbers, limit - spent - estCost); table.insert(numbers, reset)
    else table.insert(numbers, -1); table.insert(numbers, 0); table.insert(numbers, 0) end
  end
  for _, n in ipairs(numbers) do table.insert(out, n) end
end
-- Every scope allows it: reserve in all of them.
for s = 0, nAdmit - 1 do
  local k = s * 3
  local b = 12 + s * 5
  local fields = {}
  local refresh = now - refreshed[s] >= REFRESH or now < refreshed[s]
  if tonumber(ARGV[b + 1]) >= 0 or tonumber(ARGV[b + 2]) >= 0 then
    redis.call('ZADD', KEYS[k + 1], now, id .. '|' .. est)
    if refresh then redis.call('PEXPIRE', KEYS[k + 1], window * 2) end
    table.insert(fields, 'tsum'); table.insert(fields, sums[s] + est)
  end
  if tonumber(ARGV[b + 3]) >= 0 then
    redis.call('ZADD', KEYS[k + 3], now + lease, id)
    if refresh then
      -- Leases past their expiry (a replica that crashed) only take memory: pruned here.
      redis.call('ZREMRANGEBYSCORE', KEYS[k + 3], '-inf', now)
      redis.call('PEXPIRE', KEYS[k + 3], lease + 60000)
    end
  end
  if tonumber(ARGV[b + 4]) >= 0 then
    table.insert(fields, 'd'); table.insert(fields, day); table.insert(fields, 'dc'); table.insert(fields, spentDay[s] + estCost)
  end
  if tonumber(ARGV[b + 5]) >= 0 then
    table.insert(fields, 'm'); table.insert(fields, month); table.insert(fields, 'mc'); table.insert(fields, spentMonth[s] + estCost)
  end
  if refresh then table.insert(fields, 'x'); table.insert(fields, now) end
  if #fields > 0 then redis.call('HSET', KEYS[k + 2], unpack(fields)) end
  if refresh then redis.call('PEXPIRE', KEYS[k + 2], STATE_TTL) end
end
return {1, unpack(out)}
`;

/**
 * Current usage of each scope (KEYS: 3 per scope, as above), read only. ARGV: now, window, day,
 * month. Returns 5 numbers per scope: requests and tokens in the last minute, leases held, cost of
 * the day and of the month (nano-dollars).
 */
export const USAGE_SCRIPT = `
local now, window, day, month = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4]
local since = now - window
local out = {}
for s = 0, #KEYS / 3 - 1 do
  local k = s * 3
  local st = redis.call('HMGET', KEYS[k + 2], 'tsum', 'd', 'dc', 'm', 'mc')
  local count = redis.call('ZCOUNT', KEYS[k + 1], '(' .. since, '+inf')
  local sum = 0
  if count > 0 then
    sum = tonumber(st[1] or '0')
    for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[k + 1], '-inf', since)) do
      sum = sum - tonumber(string.match(member, '|(%-?%d+)$'))
    end
  end
  table.insert(out, count)
  table.insert(out, sum)
  table.insert(out, redis.call('ZCOUNT', KEYS[k + 3], '(' .. now, '+inf'))
  table.insert(out, (st[2] == day and tonumber(st[3])) or 0)
  table.insert(out, (st[4] == month and tonumber(st[5])) or 0)
end
return out
`;
