/** Jest globalTeardown: stops what global-setup.mjs started (same process, same globalThis). */
export default async function globalTeardown() {
  await globalThis.__aigwTestServices?.stop();
}
