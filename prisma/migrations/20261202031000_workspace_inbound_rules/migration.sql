-- A workspace's own inbound rules (allow/deny ranges and countries), checked after its API key.
ALTER TABLE "workspaces" ADD COLUMN "inbound_rules" JSONB;
