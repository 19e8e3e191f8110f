import { Client } from 'pg';

/**
 * Direct SQL for what the API must never offer (ageing a seal, reading raw rows). Only rows the
 * calling test created are touched.
 */
export async function sql<T extends Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const url = process.env.ESEAL_TEST_DATABASE_URL;
  if (!url)
    throw new Error('ESEAL_TEST_DATABASE_URL is not set: run through jest with the global setup');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
