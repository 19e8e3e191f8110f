/** Stops the server of the run and removes its database. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__ESEAL_TEST_SERVER__?.stop();
}
