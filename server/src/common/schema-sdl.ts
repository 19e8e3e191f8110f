import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from './schema';

/** Where the committed SDL lives: the contract integrators and the console generate from. */
export const SCHEMA_FILE = path.resolve(__dirname, '../../../schema/schema.graphql');

const HEADER =
  '# Generated from the TypeGraphQL resolvers by `npm run schema`. Do not edit by hand.\n\n';

/** The SDL as it should be committed: sorted, so that diffs show only real changes. */
export async function printSdl(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await createSchema())) + '\n';
}
