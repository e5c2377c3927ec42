import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE_KEY = 'PF_TEST_POSTGRES_PROBE';

// Runs in a child node process so that the answer is synchronous: `describe.each` needs the list
// of databases while the file is being collected, before any hook could await a connection.
const PROBE_SCRIPT = `
const { Client } = require('pg');
const client = new Client({ connectionString: process.env.PF_PROBE_URL, connectionTimeoutMillis: 3000 });
client.connect()
  .then(() => client.query('select 1'))
  .then(() => client.end())
  .then(() => process.exit(0), (e) => { process.stdout.write(String((e && (e.code || e.message)) || e)); process.exit(1); });
`;

/** Whether PostgreSQL answers at `url`; the reason when not. Cached per worker process. */
export function probePostgres(url: string): { ok: true } | { ok: false; reason: string } {
  const cached = process.env[CACHE_KEY];
  if (cached?.startsWith(`${url} `)) return decode(cached.slice(url.length + 1));
  let result: string;
  try {
    execFileSync(process.execPath, ['-e', PROBE_SCRIPT], { cwd: REPO_ROOT, env: { ...process.env, PF_PROBE_URL: url }, timeout: 10_000, stdio: 'pipe' });
    result = 'ok';
  } catch (err) {
    const out = (err as { stdout?: Buffer }).stdout?.toString().trim();
    result = `fail:${out || (err as Error).message}`;
  }
  process.env[CACHE_KEY] = `${url} ${result}`;
  return decode(result);
}

function decode(result: string): { ok: true } | { ok: false; reason: string } {
  return result === 'ok' ? { ok: true } : { ok: false, reason: result.replace(/^fail:/, '') };
}
