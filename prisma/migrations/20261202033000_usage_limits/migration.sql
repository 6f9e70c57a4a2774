-- CreateEnum
CREATE TYPE "LimitScope" AS ENUM ('workspace', 'api_key', 'virtual_key');

-- CreateTable
CREATE TABLE "usage_limits" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "scope" "LimitScope" NOT NULL,
    "scope_id" TEXT NOT NULL DEFAULT '',
    "requests_per_minute" INTEGER,
    "tokens_per_minute" INTEGER,
    "concurrent_requests" INTEGER,
    "cost_per_day_usd" DECIMAL(14,6),
    "cost_per_month_usd" DECIMAL(14,6),
    "alert_threshold" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_limits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "usage_limits_workspace_id_scope_scope_id_key" ON "usage_limits"("workspace_id", "scope", "scope_id");

-- AddForeignKey
ALTER TABLE "usage_limits" ADD CONSTRAINT "usage_limits_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

