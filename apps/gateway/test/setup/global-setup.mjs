/**
 * Jest globalSetup for the gateway: finds or starts Postgres and Redis once for the run (see
 * test-services.ts). Variables set on process.env here are inherited by the test workers;
 * global-teardown.mjs stops what was started. Plain ESM that loads the TypeScript through tsx:
 * Jest runs global set-up outside its module registry, without the `.js` → `.ts` mapping.
 */
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { startTestServices } = await tsImport('./test-services.ts', import.meta.url);
  const services = await startTestServices(process.env);
  Object.assign(process.env, services.env);
  globalThis.__aigwTestServices = services;
  console.log(`\n${services.line}`);
}
