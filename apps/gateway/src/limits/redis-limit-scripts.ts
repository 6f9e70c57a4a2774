/**
 * The Redis side of the limits: one Lua script per decision, so checking every scope and reserving
 * in all of them is one atomic step however many replicas ask at once. It mirrors
 * MemoryLimitStore.decide line for line (same windows, same order, same numbers returned).
 *
 * KEYS, 6 per scope: requests zset, tokens zset (member `id|tokens`), token sum, concurrency zset
 * (score = lease expiry), day cost, month cost (integer nano-dollars).
 * ARGV: now, id, estimated tokens, estimated cost, window, lease, ms to next day, ms to next month,
 * then 5 limits per scope (-1 = none): rpm, tpm, concurrent, day budget, month budget (nano-dollars).
 */
export const ADMIT_SCRIPT = `
local now = tonumber(ARGV[1])
local id = ARGV[2]
local est = tonumber(ARGV[3])
local estCost = tonumber(ARGV[4])
local window = tonumber(ARGV[5])
local lease = tonumber(ARGV[6])
local nextDay = tonumber(ARGV[7])
local nextMonth = tonumber(ARGV[8])
local scopes = #KEYS / 6
local since = now - window
local out = {}
for s = 0, scopes - 1 do
  local k = s * 6
  local a = 8 + s * 5
  local rpm, tpm, conc = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  local numbers = {}
  if rpm >= 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[k + 1], '-inf', since)
    local count = redis.call('ZCARD', KEYS[k + 1])
    local reset = window
    if count > 0 then reset = tonumber(redis.call('ZRANGE', KEYS[k + 1], 0, 0, 'WITHSCORES')[2]) + window - now end
    if count + 1 > rpm then return {0, s, 0, rpm, rpm - count, reset} end
    table.insert(numbers, rpm); table.insert(numbers, rpm - count - 1); table.insert(numbers, reset)
  else table.insert(numbers, -1); table.insert(numbers, 0); table.insert(numbers, 0) end
  if tpm >= 0 then
    local expired = redis.call('ZRANGEBYSCORE', KEYS[k + 2], '-inf', since)
    local sum = tonumber(redis.call('GET', KEYS[k + 3]) or '0')
    for _, member in ipairs(expired) do sum = sum - tonumber(string.match(member, '|(%-?%d+)$')) end
    if #expired > 0 then
      redis.call('ZREMRANGEBYSCORE', KEYS[k + 2], '-inf', since)
      redis.call('SET', KEYS[k + 3], sum, 'PX', window * 2)
    end
    if sum + est > tpm then
      local freed, reset = 0, window
      local entries = redis.call('ZRANGE', KEYS[k + 2], 0, 999, 'WITHSCORES')
      for i = 1, #entries, 2 do
        freed = freed + tonumber(string.match(entries[i], '|(%-?%d+)$'))
        if sum - freed + est <= tpm then reset = tonumber(entries[i + 1]) + window - now; break end
      end
      return {0, s, 1, tpm, tpm - sum, reset}
    end
    local reset = window
    local first = redis.call('ZRANGE', KEYS[k + 2], 0, 0, 'WITHSCORES')
    if #first > 0 then reset = tonumber(first[2]) + window - now end
    table.insert(numbers, tpm); table.insert(numbers, tpm - sum - est); table.insert(numbers, reset)
  else table.insert(numbers, -1); table.insert(numbers, 0); table.insert(numbers, 0) end
  if conc >= 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[k + 4], '-inf', now)
    local held = redis.call('ZCARD', KEYS[k + 4])
    if held + 1 > conc then return {0, s, 2, conc, 0, 1000} end
    table.insert(numbers, conc); table.insert(numbers, conc - held - 1); table.insert(numbers, 0)
  else table.insert(numbers, -1); table.insert(numbers, 0); table.insert(numbers, 0) end
  for b = 0, 1 do
    local limit = tonumber(ARGV[a + 4 + b])
    local reset = nextDay
    if b == 1 then reset = nextMonth end
    if limit >= 0 then
      local spent = tonumber(redis.call('GET', KEYS[k + 5 + b]) or '0')
      if spent >= limit or spent + estCost > limit then return {0, s, 3 + b, limit, limit - spent, reset} end
      table.insert(numbers, limit); table.insert(numbers, limit - spent - estCost); table.insert(numbers, reset)
    else table.insert(numbers, -1); table.insert(numbers, 0); table.insert(numbers, 0) end
  end
  for _, n in ipairs(numbers) do table.insert(out, n) end
end
-- Every scope allows it: reserve in all of them.
for s = 0, scopes - 1 do
  local k = s * 6
  local a = 8 + s * 5
  if tonumber(ARGV[a + 1]) >= 0 then
    redis.call('ZADD', KEYS[k + 1], now, id)
    redis.call('PEXPIRE', KEYS[k + 1], window * 2)
  end
  if tonumber(ARGV[a + 2]) >= 0 then
    redis.call('ZADD', KEYS[k + 2], now, id .. '|' .. est)
    redis.call('PEXPIRE', KEYS[k + 2], window * 2)
    redis.call('INCRBY', KEYS[k + 3], est)
    redis.call('PEXPIRE', KEYS[k + 3], window * 2)
  end
  if tonumber(ARGV[a + 3]) >= 0 then
    redis.call('ZADD', KEYS[k + 4], now + lease, id)
    redis.call('PEXPIRE', KEYS[k + 4], lease)
  end
  if tonumber(ARGV[a + 4]) >= 0 then
    redis.call('INCRBY', KEYS[k + 5], estCost)
    redis.call('PEXPIRE', KEYS[k + 5], 2 * 86400000)
  end
  if tonumber(ARGV[a + 5]) >= 0 then
    redis.call('INCRBY', KEYS[k + 6], estCost)
    redis.call('PEXPIRE', KEYS[k + 6], 32 * 86400000)
  end
end
return {1, unpack(out)}
`;

/**
 * Replaces a reservation's estimates with real usage and frees its concurrency slot.
 * KEYS as for ADMIT_SCRIPT. ARGV: id, estimated tokens, actual tokens, score of the token entry,
 * cost difference (actual − estimated, nano-dollars).
 */
export const SETTLE_SCRIPT = `
local id = ARGV[1]
local est, actual, score, delta = ARGV[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
for s = 0, #KEYS / 6 - 1 do
  local k = s * 6
  redis.call('ZREM', KEYS[k + 4], id)
  if redis.call('ZREM', KEYS[k + 2], id .. '|' .. est) == 1 then
    redis.call('ZADD', KEYS[k + 2], score, id .. '|' .. actual)
    redis.call('INCRBY', KEYS[k + 3], actual - tonumber(est))
  end
  if delta ~= 0 then
    for b = 5, 6 do
      if redis.call('EXISTS', KEYS[k + b]) == 1 then redis.call('INCRBY', KEYS[k + b], delta) end
    end
  end
end
return 1
`;
