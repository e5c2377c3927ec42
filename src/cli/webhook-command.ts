import { EMPTY_FILE_CONFIG } from '../config-file';
import { isUserError } from '../domain/errors';
import type { Result } from '../domain/result';
import type { Database } from '../store/database';
import { WebhookService, type WebhookView } from '../webhooks/webhook-service';
import { cliActor } from './token-command';

export type WebhookArgs =
  | { command: 'add'; url: string; events: string[]; secret?: string; description?: string }
  | { command: 'list' }
  | { command: 'remove' | 'redeliver'; id: string };

export const WEBHOOK_USAGE = [
  'usage: npm run factory -- webhook add <url> --events <type,...> [--secret whsec_…] [--description <text>]',
  '       npm run factory -- webhook list',
  '       npm run factory -- webhook remove <id>',
  '       npm run factory -- webhook redeliver <id>',
  'events: exact types (run.completed), families (gate.*) or *; GET /v1/events/types lists them',
].join('\n');

/** Parses `webhook ...`; a usage error is one sentence (the caller prints the usage after it). */
export function parseWebhookArgs(argv: readonly string[]): Result<WebhookArgs> {
  const [command, ...rest] = argv;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--events' || arg === '--secret' || arg === '--description') flags.set(arg, rest[++i] ?? '');
    else if (arg.startsWith('-')) return { ok: false, error: `Unknown option "${arg}".` };
    else positional.push(arg);
  }
  if (command === 'list') return { ok: true, value: { command } };
  if (command === 'remove' || command === 'redeliver') {
    if (positional.length !== 1) return { ok: false, error: `Name the webhook to ${command} by its id.` };
    return { ok: true, value: { command, id: positional[0]! } };
  }
  if (command !== 'add') return { ok: false, error: command ? `Unknown webhook command "${command}".` : 'Say add, list, remove or redeliver.' };
  if (positional.length !== 1) return { ok: false, error: 'Give the URL to deliver to.' };
  const events = (flags.get('--events') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (events.length === 0) return { ok: false, error: 'Give --events (e.g. --events "run.*,gate.pending").' };
  return { ok: true, value: { command, url: positional[0]!, events, secret: flags.get('--secret'), description: flags.get('--description') } };
}

/** One line per subscription, with its deliveries; never its secret. */
export function formatWebhookLine(w: WebhookView): string {
  const d = w.deliveries;
  const trouble = d.failed || d.retrying ? `  ⚠ ${d.failed} given up, ${d.retrying} retrying: ${d.lastError ?? ''}` : '';
  return `#${w.id}  ${w.url}  [${w.events.join(', ')}]  sent ${d.sent}, pending ${d.pending}${trouble}`;
}

/** `factory webhook add|list|remove|redeliver`: exit 0, 1 for a refusal (bad URL, unknown id), 2 for usage. */
export async function runWebhookCommand(argv: readonly string[], io: { out: (t: string) => void; err: (t: string) => void }, openDatabase: () => Promise<Database>, now: () => Date, actor = cliActor()): Promise<number> {
  const args = parseWebhookArgs(argv);
  if (!args.ok) {
    io.err(`${args.error}\n${WEBHOOK_USAGE}`);
    return 2;
  }
  const database = await openDatabase();
  try {
    const service = new WebhookService({ database, config: EMPTY_FILE_CONFIG });
    const a = args.value;
    if (a.command === 'list') {
      const all = await service.list(actor);
      io.out(all.length ? all.map(formatWebhookLine).join('\n') : 'No webhooks yet: `npm run factory -- webhook add <url> --events "run.*"`.');
    } else if (a.command === 'add') {
      const { webhook, secret } = await service.add({ url: a.url, events: a.events, secret: a.secret, description: a.description }, actor, now());
      io.out(`Added webhook #${webhook.id} → ${webhook.url} for ${webhook.events.join(', ')}.`);
      io.out(`Signing secret (shown once; verify deliveries with any Standard Webhooks library):\n${secret}`);
    } else if (a.command === 'remove') {
      await service.remove(a.id, actor, now());
      io.out(`Removed webhook #${a.id}.`);
    } else {
      io.out(`Queued ${await service.redeliver(a.id, actor, now())} given-up deliveries of webhook #${a.id} again.`);
    }
    return 0;
  } catch (error) {
    if (!isUserError(error)) throw error;
    io.err(error.message);
    return 1;
  } finally {
    await database.close();
  }
}
