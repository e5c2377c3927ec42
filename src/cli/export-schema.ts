/**
 * Writes templates/template.schema.json from the zod template schema (`npm run schema:export`).
 * With `--check` it writes nothing and exits 1 when the file is out of date, for CI.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderTemplateJsonSchema } from '../schema/json-schema';

/** Where templates point their "$schema" key ("./template.schema.json"). */
const TEMPLATE_SCHEMA_PATH = fileURLToPath(new URL('../../templates/template.schema.json', import.meta.url));

async function readCurrent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const fresh = renderTemplateJsonSchema();
  const current = await readCurrent(TEMPLATE_SCHEMA_PATH);
  if (argv.includes('--check')) {
    if (current === fresh) {
      console.log(`${TEMPLATE_SCHEMA_PATH} is up to date.`);
      return 0;
    }
    console.error(`${TEMPLATE_SCHEMA_PATH} is out of date: run \`npm run schema:export\` and commit the result.`);
    return 1;
  }
  if (current === fresh) {
    console.log(`${TEMPLATE_SCHEMA_PATH} unchanged.`);
    return 0;
  }
  await writeFile(TEMPLATE_SCHEMA_PATH, fresh, 'utf8');
  console.log(`Wrote ${TEMPLATE_SCHEMA_PATH}.`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
