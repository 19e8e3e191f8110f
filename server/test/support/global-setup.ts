import 'reflect-metadata';
import { startTestServer, type TestServer } from './test-server';

declare global {
  var __ESEAL_TEST_SERVER__: TestServer | undefined;
}

/** Starts one server for the whole run; test files reach it over HTTP at ESEAL_TEST_URL. */
export default async function globalSetup(): Promise<void> {
  const server = await startTestServer();
  globalThis.__ESEAL_TEST_SERVER__ = server;
  process.env.ESEAL_TEST_URL = server.app.url;
  process.env.ESEAL_TEST_DATABASE_URL = server.app.databaseUrl;
}
