/** Repository-relative locations, resolved from this file so they hold from `src/` (tests) and `dist/` (built). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// apps/gateway/{src,dist}/database/paths.(ts|js) → four levels up is the repository root.
const here = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(here, '..', '..', '..', '..');
export const DEFAULT_MIGRATIONS_DIR = path.join(REPO_ROOT, 'prisma', 'migrations');
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data');
