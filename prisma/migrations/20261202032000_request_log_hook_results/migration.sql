-- Guardrail verdicts of a request ({before_request_hooks, after_request_hooks}), when a hook ran.
ALTER TABLE "request_logs" ADD COLUMN "hook_results" JSONB;
