/**
 * The Redis side of the limits: one Lua script, one round trip for every decision this process
 * takes in one event-loop turn for a workspace (redis-limit-store.ts batches them). It first
 * applies the settlements this process has queued for the workspace (real usage replacing
 * estimates, freed concurrency slots), then decides the admissions one after another, each
 * reserving in all of its scopes or in none, atomically however many replicas ask at once. With no
 * admission it only settles (the batch flushed when no admission came along). Each decision
 * mirrors MemoryLimitStore.decide (same windows, same order, same numbers returned), exactly as if
 * the admissions had come one script each.
 *
 * Each scope is a group of 3 KEYS:
 *   log   zset, one member `id|tokens` per admitted request, scored by its admission time: the
 *         sliding minute of both requests per minute (its size) and tokens per minute (its tokens);
 *   state hash: tsum (tokens of the log's members), d/dc (UTC day and the cost charged on it),
 *         m/mc (UTC month and its cost), costs in integer nano-dollars; x (when the three keys'
 *         expiries were last pushed back: every 10 s, not on every request);
 *   conc  zset of concurrency leases (member = reservation id, score = lease expiry).
 * Redis spends most of a script's time in Lua, not in the commands: per redis.call, per table and
 * per number turned into a string. So a group's state is read once per script (one HMGET, one look
 * at the window) and written once (one HSET) however many admissions and settlements touch it; an
 * admission itself only adds its log entry and lease; and strings the client sent (now, ids,
 * token counts) go back to Redis as they came instead of being re-formatted from Lua numbers.
 *
 * ARGV: settlements, admissions, now, window, lease expiry (now + lease), day, month, ms to next
 * day, ms to next month, admitted groups (g); then 5 limits per admitted group, groups 1..g (rpm,
 * tpm, concurrent, day budget, month budget in nano-dollars; -1 = none); then per admission: id,
 * estimated tokens, estimated cost, its number of scopes, then their group numbers (1-based, in
 * the request's scope order); then per settlement: id, estimated tokens, actual tokens, log score,
 * cost delta (actual − estimated), its day, its month, its number of groups, then those group
 * numbers. Groups past g are only settled.
 *
 * Returns, per admission in order: 1 and 6 numbers per scope when admitted (remaining requests,
 * remaining tokens, ms until the minute window frees up, remaining concurrency, day budget and
 * month budget left; 0 where the scope sets none: the client knows the limits and the calendar, so
 * they do not travel back), or 0 and 5 numbers when refused (scope index, dimension, limit,
 * remaining, reset ms). Empty after settling only.
 */
export const LIMITS_SCRIPT = `
local nSettle = tonumber(ARGV[1])
local nAdmit = tonumber(ARGV[2])
local nowArg = ARGV[3]
local now = tonumber(nowArg)
local window = tonumber(ARGV[4])
local leaseUntil = ARGV[5]
local day, month = ARGV[6], ARGV[7]
local nextDay, nextMonth = tonumber(ARGV[8]), tonumber(ARGV[9])
local nGroups = tonumber(ARGV[10])
local STATE_TTL = 32 * 86400000
local REFRESH = 10000

local admitAt = 11 + nGroups * 5
local a = admitAt
for i = 1, nAdmit do a = a + 4 + tonumber(ARGV[a + 3]) end

-- Per group: what the script learnt and changed (written back once, at the end).
local groups = {}
local function group(gi)
  local g = groups[gi]
  if not g then
    g = { td = 0 }
    groups[gi] = g
  end
  return g
end

-- Settlements first: what this process finished is free for the requests it admits next.
for i = 1, nSettle do
  local sid, sest, actual, score, delta = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], tonumber(ARGV[a + 4])
  local sday, smonth, n = ARGV[a + 5], ARGV[a + 6], tonumber(ARGV[a + 7])
  local tdelta = tonumber(actual) - tonumber(sest)
  for j = 1, n do
    local gi = tonumber(ARGV[a + 7 + j])
    local k = (gi - 1) * 3
    local g = group(gi)
    redis.call('ZREM', KEYS[k + 3], sid)
    if tdelta ~= 0 and redis.call('ZREM', KEYS[k + 1], sid .. '|' .. sest) == 1 then
      redis.call('ZADD', KEYS[k + 1], score, sid .. '|' .. actual)
      g.td = g.td + tdelta
    end
    if delta ~= 0 then
      g.dd = g.dd or {}
      g.dd[sday] = (g.dd[sday] or 0) + delta
      g.md = g.md or {}
      g.md[smonth] = (g.md[smonth] or 0) + delta
    end
  end
  a = a + 8 + n
end

-- A group's state, read once, with the settled deltas applied.
local function load(gi)
  local g = group(gi)
  if g.loaded then return g end
  g.loaded = true
  local st = redis.call('HMGET', KEYS[(gi - 1) * 3 + 2], 'tsum', 'd', 'dc', 'm', 'mc', 'x')
  g.sum = tonumber(st[1] or '0') + g.td
  g.sumDirty = g.td ~= 0
  g.day, g.month = st[2], st[4]
  g.dc, g.mc = tonumber(st[3] or '0'), tonumber(st[5] or '0')
  if g.dd and st[2] and g.dd[st[2]] then g.dc = g.dc + g.dd[st[2]]; g.dcDirty = true end
  if g.md and st[4] and g.md[st[4]] then g.mc = g.mc + g.md[st[4]]; g.mcDirty = true end
  g.x = tonumber(st[6] or '0')
  return g
end

-- The admitted groups' windows, looked at once.
local since = now - window
for gi = 1, nGroups do
  local g = load(gi)
  local b = 10 + (gi - 1) * 5
  local k = (gi - 1) * 3
  g.rpm, g.tpm, g.conc = tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3])
  g.dl, g.ml = tonumber(ARGV[b + 4]), tonumber(ARGV[b + 5])
  if g.rpm >= 0 or g.tpm >= 0 then
    local sum = g.sum
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
    if expired > 0 then redis.call('ZREMRANGEBYRANK', KEYS[k + 1], 0, expired - 1); g.sumDirty = true end
    local count = redis.call('ZCARD', KEYS[k + 1])
    -- An empty (or expired) log holds no tokens, whatever an older state says.
    if count == 0 and sum ~= 0 then sum = 0; g.sumDirty = true end
    g.sum, g.count, g.first = sum, count, first
  end
  -- Leases past their expiry (a replica that crashed) do not count.
  if g.conc >= 0 then g.held = redis.call('ZCOUNT', KEYS[k + 3], '(' .. nowArg, '+inf') end
  g.spentDay = (g.day == day and g.dc) or 0
  g.spentMonth = (g.month == month and g.mc) or 0
end

local out = {}
local o = 0
local p = admitAt
for i = 1, nAdmit do
  local id, estArg, estCost, n = ARGV[p], ARGV[p + 1], tonumber(ARGV[p + 2]), tonumber(ARGV[p + 3])
  local est = tonumber(estArg)
  local start = o
  out[o + 1] = 1
  o = o + 1
  local rs, rd, rl, rr, rt = nil, nil, nil, nil, nil
  for s = 0, n - 1 do
    local gi = tonumber(ARGV[p + 4 + s])
    local g = groups[gi]
    -- What remains of each dimension once this request is counted (0 where the scope sets none).
    local rpm, tpm, reset, conc, dayLeft, monthLeft = 0, 0, 0, 0, 0, 0
    if g.rpm >= 0 or g.tpm >= 0 then
      reset = window
      if g.first then reset = g.first + window - now end
      if g.rpm >= 0 then
        if g.count + 1 > g.rpm then rs, rd, rl, rr, rt = s, 0, g.rpm, g.rpm - g.count, reset; break end
        rpm = g.rpm - g.count - 1
      end
      if g.tpm >= 0 then
        if g.sum + est > g.tpm then
          local freed, wait = 0, window
          local entries = redis.call('ZRANGE', KEYS[(gi - 1) * 3 + 1], 0, 999, 'WITHSCORES')
          for e = 1, #entries, 2 do
            freed = freed + tonumber(string.match(entries[e], '|(%-?%d+)$'))
            if g.sum - freed + est <= g.tpm then wait = tonumber(entries[e + 1]) + window - now; break end
          end
          rs, rd, rl, rr, rt = s, 1, g.tpm, g.tpm - g.sum, wait
          break
        end
        tpm = g.tpm - g.sum - est
      end
    end
    if g.conc >= 0 then
      if g.held + 1 > g.conc then rs, rd, rl, rr, rt = s, 2, g.conc, 0, 1000; break end
      conc = g.conc - g.held - 1
    end
    if g.dl >= 0 then
      if g.spentDay >= g.dl or g.spentDay + estCost > g.dl then rs, rd, rl, rr, rt = s, 3, g.dl, g.dl - g.spentDay, nextDay; break end
      dayLeft = g.dl - g.spentDay - estCost
    end
    if g.ml >= 0 then
      if g.spentMonth >= g.ml or g.spentMonth + estCost > g.ml then rs, rd, rl, rr, rt = s, 4, g.ml, g.ml - g.spentMonth, nextMonth; break end
      monthLeft = g.ml - g.spentMonth - estCost
    end
    out[o + 1], out[o + 2], out[o + 3], out[o + 4], out[o + 5], out[o + 6] = rpm, tpm, reset, conc, dayLeft, monthLeft
    o = o + 6
  end
  if rs then
    -- Refused: nothing reserved anywhere; its numbers replace the allowances written so far.
    for x = o, start + 1, -1 do out[x] = nil end
    o = start
    out[o + 1], out[o + 2], out[o + 3], out[o + 4], out[o + 5], out[o + 6] = 0, rs, rd, rl, rr, rt
    o = o + 6
  else
    -- Every scope allows it: reserve in all of them.
    for s = 0, n - 1 do
      local gi = tonumber(ARGV[p + 4 + s])
      local g = groups[gi]
      local k = (gi - 1) * 3
      g.reserved = true
      if g.rpm >= 0 or g.tpm >= 0 then
        redis.call('ZADD', KEYS[k + 1], nowArg, id .. '|' .. estArg)
        g.count = g.count + 1
        g.sum = g.sum + est
        g.sumDirty = true
        if not g.first then g.first = now end
      end
      if g.conc >= 0 then
        redis.call('ZADD', KEYS[k + 3], leaseUntil, id)
        g.held = g.held + 1
      end
      g.spentDay = g.spentDay + estCost
      g.spentMonth = g.spentMonth + estCost
    end
  end
  p = p + 4 + n
end

-- Each group's state written back once.
for gi, g in pairs(groups) do
  if not g.loaded and (g.td ~= 0 or g.dd) then load(gi) end
  if g.loaded then
    local k = (gi - 1) * 3
    local fields, f = {}, 0
    local refresh = g.reserved and (now - g.x >= REFRESH or now < g.x)
    if g.sumDirty then fields[f + 1], fields[f + 2] = 'tsum', g.sum; f = f + 2 end
    if g.reserved and g.dl >= 0 then
      fields[f + 1], fields[f + 2], fields[f + 3], fields[f + 4] = 'd', day, 'dc', g.spentDay; f = f + 4
    elseif g.dcDirty then fields[f + 1], fields[f + 2] = 'dc', g.dc; f = f + 2 end
    if g.reserved and g.ml >= 0 then
      fields[f + 1], fields[f + 2], fields[f + 3], fields[f + 4] = 'm', month, 'mc', g.spentMonth; f = f + 4
    elseif g.mcDirty then fields[f + 1], fields[f + 2] = 'mc', g.mc; f = f + 2 end
    if refresh then
      fields[f + 1], fields[f + 2] = 'x', nowArg; f = f + 2
      if g.rpm >= 0 or g.tpm >= 0 then redis.call('PEXPIRE', KEYS[k + 1], window * 2) end
      if g.conc >= 0 then
        -- Leases past their expiry (a replica that crashed) only take memory: pruned here.
        redis.call('ZREMRANGEBYSCORE', KEYS[k + 3], '-inf', nowArg)
        redis.call('PEXPIRE', KEYS[k + 3], tonumber(leaseUntil) - now + 60000)
      end
    end
    if f > 0 then redis.call('HSET', KEYS[k + 2], unpack(fields)) end
    if refresh then redis.call('PEXPIRE', KEYS[k + 2], STATE_TTL) end
  end
end
return out
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
