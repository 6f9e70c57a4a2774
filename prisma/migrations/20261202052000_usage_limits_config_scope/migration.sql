-- Limits per saved config (issue 13).
ALTER TYPE "LimitScope" ADD VALUE 'config';
