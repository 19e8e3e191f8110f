import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { printSdl, SCHEMA_FILE } from '../src/common/schema-sdl';

/** `npm run schema` writes schema/schema.graphql; with --check it fails when that file is stale. */
async function main(): Promise<void> {
  const sdl = await printSdl();
  if (process.argv.includes('--check')) {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (committed !== sdl) {
      console.error('schema/schema.graphql is stale: run `npm run schema` and commit the result');
      process.exit(1);
    }
    console.log('schema/schema.graphql is up to date');
    return;
  }
  await writeFile(SCHEMA_FILE, sdl);
  console.log(`wrote ${SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
