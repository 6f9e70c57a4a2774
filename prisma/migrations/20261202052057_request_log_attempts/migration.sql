-- Every upstream attempt of a request that made more than one (retries, fallback targets, hedges),
-- with its outcome (won, succeeded, failed, aborted), target, provider, status and latency.
ALTER TABLE "request_logs" ADD COLUMN "attempts" JSONB;
