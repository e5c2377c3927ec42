import { AUTONOMY_LEVELS, type Autonomy } from '../domain/statuses';
import type { Result } from '../domain/result';

export interface FactoryArgs {
  command: 'validate' | 'plan';
  file: string;
  autonomy: Record<string, Autonomy>;
  /** `--config <file>`: the bot's config file, so ladder steps may name its channels. */
  config?: string;
}

export const USAGE = [
  'usage: npm run factory -- validate <template.json> [--config factory.config.json]',
  '       npm run factory -- plan <template.json> [--first-run | --autonomy "*=gate,block-id=auto"]',
  '       npm run factory -- token create|list|revoke ...',
  '       npm run factory -- webhook add|list|remove|redeliver ...',
].join('\n');

/** Parses the factory command line; a usage error is a sentence plus the usage text. */
export function parseFactoryArgs(argv: readonly string[]): Result<FactoryArgs> {
  const [command, ...rest] = argv;
  if (command !== 'validate' && command !== 'plan') return { ok: false, error: command ? `Unknown command "${command}".` : 'Name a command.' };
  const autonomy: Record<string, Autonomy> = {};
  const files: string[] = [];
  let config: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--first-run') autonomy['*'] = 'gate';
    else if (arg === '--autonomy') {
      const parsed = parseAutonomy(rest[++i] ?? '');
      if (!parsed.ok) return parsed;
      Object.assign(autonomy, parsed.value);
    } else if (arg === '--config') {
      config = rest[++i];
      if (!config) return { ok: false, error: '--config needs the path of a config file.' };
    } else if (arg.startsWith('-')) return { ok: false, error: `Unknown option "${arg}".` };
    else files.push(arg);
  }
  if (files.length !== 1) return { ok: false, error: `Name exactly one template file (got ${files.length}).` };
  if (command === 'validate' && Object.keys(autonomy).length > 0) return { ok: false, error: 'Autonomy options apply to `plan` only.' };
  return { ok: true, value: { command, file: files[0]!, autonomy, ...(config ? { config } : {}) } };
}

/** "*=gate,expert-framework-creator=guided" → { "*": "gate", "expert-framework-creator": "guided" } */
export function parseAutonomy(spec: string): Result<Record<string, Autonomy>> {
  const out: Record<string, Autonomy> = {};
  for (const pair of spec.split(',').filter(Boolean)) {
    const [block, level] = pair.split('=');
    if (!block || !AUTONOMY_LEVELS.includes(level as Autonomy)) {
      return { ok: false, error: `Cannot read autonomy "${pair}": write block=level (or *=level) with level one of ${AUTONOMY_LEVELS.join(', ')}.` };
    }
    out[block] = level as Autonomy;
  }
  if (Object.keys(out).length === 0) return { ok: false, error: '--autonomy needs a value such as "*=gate".' };
  return { ok: true, value: out };
}
