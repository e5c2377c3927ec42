import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { planWaves } from '../engine/plan-waves';
import { formatIssues, validateTemplate, type ValidateOptions } from '../engine/validate-template';
import type { Template } from '../schema/template';
import { parseFactoryArgs, USAGE, type FactoryArgs } from './factory-args';
import { findMissingSkills } from './find-missing-skills';
import { formatPlan } from './format-plan';
import { formatSummary } from './format-summary';
import { paintFor, type Paint } from './paint';
import { readConfigChannels } from './read-config-channels';
import { readJsonFile } from './read-template-file';
import { runTokenCommand } from './token-command';
import { runWebhookCommand } from './webhook-command';
import type { Database } from '../store/database';

/** Where the command writes, so tests can run it in-process. */
export interface FactoryIo {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
  cwd: string;
  /** Opens the bot's database (migrated), for `token` commands. */
  openDatabase?: () => Promise<Database>;
  now?: () => Date;
}

/**
 * `factory validate <file>`: exit 0 with a summary, 1 with every problem (also for an unreadable
 * file or invalid JSON), 2 for a usage error. `factory plan <file>`: the steps of a rehearsed run.
 */
export async function runFactory(argv: readonly string[], io: FactoryIo): Promise<number> {
  if (argv[0] === 'token') {
    if (!io.openDatabase) throw new Error('token commands need a database');
    return runTokenCommand(argv.slice(1), io, io.openDatabase, io.now ?? (() => new Date()));
  }
  if (argv[0] === 'webhook') {
    if (!io.openDatabase) throw new Error('webhook commands need a database');
    return runWebhookCommand(argv.slice(1), io, io.openDatabase, io.now ?? (() => new Date()));
  }
  const args = parseFactoryArgs(argv);
  if (!args.ok) {
    io.err(`${args.error}\n${USAGE}`);
    return 2;
  }
  const paint = paintFor(io.isTty);
  const channels = await readConfigChannels(io.cwd, args.value.config);
  if (!channels.ok) {
    io.err(`${paint.red('✗')} ${channels.error}`);
    return 1;
  }
  const template = await loadTemplate(args.value.file, io, paint, channels.value);
  if (!template) return 1;
  if (args.value.command === 'validate') {
    const missing = await findMissingSkills(template, resolve(io.cwd, args.value.file), io.cwd);
    io.out(formatSummary(template, paint, missing));
  } else {
    io.out(formatPlan(template, planWaves(template, args.value.autonomy), paint, describeAutonomy(args.value)));
  }
  return 0;
}

async function loadTemplate(file: string, io: FactoryIo, paint: Paint, knowledge: ValidateOptions): Promise<Template | null> {
  const json = await readJsonFile(resolve(io.cwd, file));
  if (!json.ok) {
    io.err(`${paint.red('✗')} ${json.error.replace(resolve(io.cwd, file), file)}`);
    return null;
  }
  const result = validateTemplate(json.value, knowledge);
  for (const warning of result.warnings) io.err(`${paint.yellow('!')} ${file}: warning: ${warning.path}: ${warning.message}`);
  if (!result.ok) {
    io.err(`${paint.red('✗')} ${file}: ${formatIssues(result.issues)}`);
    return null;
  }
  return result.template;
}

function describeAutonomy(args: FactoryArgs): string {
  const entries = Object.entries(args.autonomy);
  if (entries.length === 0) return 'template gates only';
  return `autonomy ${entries.map(([block, level]) => `${block}=${level}`).join(', ')}`;
}

/** The database the bot uses (DATABASE_URL, else PGlite under FACTORY_DATA_DIR), migrated. */
async function openBotDatabase(): Promise<Database> {
  const { pgliteDataDir, readEnv } = await import('../config');
  const { openDatabase, migrateToLatest } = await import('../store');
  const env = readEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: pgliteDataDir(env), applicationName: 'process-factory-cli', log: () => undefined });
  await migrateToLatest(database.db);
  return database;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const io: FactoryIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    isTty: process.stdout.isTTY === true,
    cwd: process.cwd(),
    openDatabase: openBotDatabase,
  };
  runFactory(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`factory: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
