-- Shadow traffic and replays: both outcomes side by side, and replay jobs.

-- CreateTable
CREATE TABLE "shadow_outcomes" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "workspace_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "trace_id" TEXT NOT NULL,
    "replay_job_id" UUID,
    "request_log_id" BIGINT,
    "path" TEXT NOT NULL,
    "primary_config_id" TEXT,
    "primary_config_version" INTEGER,
    "primary_provider" TEXT,
    "primary_model" TEXT,
    "primary_status" INTEGER NOT NULL,
    "primary_latency_ms" INTEGER NOT NULL,
    "primary_prompt_tokens" INTEGER,
    "primary_completion_tokens" INTEGER,
    "primary_cost_usd" DECIMAL(18,8),
    "shadow_config_id" TEXT NOT NULL,
    "shadow_config_version" INTEGER,
    "shadow_provider" TEXT,
    "shadow_model" TEXT,
    "shadow_status" INTEGER NOT NULL,
    "shadow_latency_ms" INTEGER NOT NULL,
    "shadow_prompt_tokens" INTEGER,
    "shadow_completion_tokens" INTEGER,
    "shadow_cost_usd" DECIMAL(18,8),
    "shadow_error" TEXT,
    "similarity" DOUBLE PRECISION,

    CONSTRAINT "shadow_outcomes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replay_jobs" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "target_config_id" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "rate_per_second" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "replay_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "shadow_outcomes_workspace_id_created_at_idx" ON "shadow_outcomes"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "shadow_outcomes_replay_job_id_idx" ON "shadow_outcomes"("replay_job_id");

-- CreateIndex
CREATE INDEX "shadow_outcomes_trace_id_idx" ON "shadow_outcomes"("trace_id");

-- CreateIndex
CREATE INDEX "replay_jobs_workspace_id_created_at_idx" ON "replay_jobs"("workspace_id", "created_at" DESC);
