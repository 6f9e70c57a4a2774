/**
 * The services the gateway's tests need, found or started once for the whole run (see
 * test-postgres.ts, test-redis.ts), with one line saying what was started and what was skipped.
 */
import { testPostgres, type TestService } from './test-postgres.js';
import { testRedis } from './test-redis.js';

export interface TestServices {
  env: Record<string, string>;
  line: string;
  stop(): Promise<void>;
}

export async function startTestServices(env: NodeJS.ProcessEnv): Promise<TestServices> {
  const postgres = await testPostgres(env);
  let redis: TestService;
  try {
    redis = await testRedis(env);
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return {
    env: { ...postgres.env, ...redis.env },
    line: `Test services: ${postgres.summary}; ${redis.summary}.`,
    async stop() {
      await Promise.allSettled([redis.stop(), postgres.stop()]);
    },
  };
}
