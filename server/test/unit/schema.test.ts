import { readFile } from 'node:fs/promises';
import { printSdl, SCHEMA_FILE } from '../../src/common/schema-sdl';

describe('the committed GraphQL schema', () => {
  it('matches the resolvers (if not: run `npm run schema` and commit schema/schema.graphql)', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '(missing)');

    expect(committed).toBe(await printSdl());
  });
});
