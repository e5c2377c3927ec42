import { z } from 'zod';
import { buildRunStartedCard } from '../src/cards';
import { cardReply, ephemeral } from './reply';
import { PRIORITIES } from './priority';
import { defineCommand } from './types';

const PARAM = /^([a-z_][a-z0-9_]*)=(.*)$/i;
const USAGE = 'run <template> [name] [key=value ...] [priority=high] [simulate]';
const isPriority = (v: string): v is (typeof PRIORITIES)[number] => (PRIORITIES as readonly string[]).includes(v);

/** "a=1 b='two words'" (already tokenized) -> { a: "1", b: "two words" }. */
function paramsFromTokens(tokens: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const token of tokens) {
    const m = PARAM.exec(token);
    if (m) params[m[1]!] = m[2]!;
  }
  return params;
}

const paramsText = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (!text || !text.trim()) return {};
    const tokens = text.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
    const bad = tokens.filter((t) => !PARAM.test(t));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `write parameters as key=value, not "${bad.join(' ')}"` });
      return z.NEVER;
    }
    return paramsFromTokens(tokens.map((t) => t.replace(/=(["'])(.*)\1$/, '=$2')));
  });

export const runCommand = defineCommand({
  name: 'run',
  description: 'Start a run of a template (add simulate to rehearse it)',
  usage: USAGE,
  permission: 'run.create',
  options: [
    { name: 'template', description: 'Template id, e.g. clone-factory', type: 'string', required: true, autocomplete: 'template' },
    { name: 'name', description: 'A name for this run', type: 'string', required: false, maxLength: 100 },
    { name: 'params', description: 'Run parameters as key=value pairs', type: 'string', required: false, maxLength: 1000 },
    { name: 'simulate', description: 'Rehearse with simulated blocks (no LLM, no shell)', type: 'boolean', required: false },
  ],
  schema: z.object({
    template: z.string({ error: 'name a template (try /factory templates)' }).trim().min(1, 'name a template (try /factory templates)'),
    name: z.string().trim().max(100, 'a run name is at most 100 characters').optional(),
    params: paramsText,
    simulate: z.boolean().default(false),
  }),
  // Typed form: run <template> [words of a name] [key=value ...] [simulate]
  parseText(tokens) {
    const [template, ...rest] = tokens;
    const words = rest.filter((t) => !PARAM.test(t) && t.toLowerCase() !== 'simulate');
    return {
      template,
      name: words.length ? words.join(' ') : undefined,
      params: rest.filter((t) => PARAM.test(t)).map((t) => (/\s/.test(t) ? t.replace('=', '="') + '"' : t)).join(' '),
      simulate: rest.some((t) => t.toLowerCase() === 'simulate'),
    };
  },
  async handle(ctx, args) {
    // `priority=` is the run's own setting, not a template parameter.
    const { priority, ...params } = args.params;
    if (priority !== undefined && !isPriority(priority)) {
      return ephemeral(`priority is critical, high, medium or low, not "${priority}".\nUsage: \`/factory ${USAGE}\``);
    }
    const run = await ctx.service.createRun({
      templateId: args.template,
      name: args.name,
      params,
      priority,
      simulate: args.simulate,
      actor: ctx.actor,
      origin: ctx.origin,
    });
    // The run's status card (posted by the outbox in this channel, with the run's thread under it)
    // is the one public message of a start; the person who started it gets a quiet confirmation.
    if (ctx.origin.channelId) return ephemeral(`Started ${run.name} (#${run.id}). Its status card is in this channel; block updates and gates follow in its thread.`);
    return cardReply(buildRunStartedCard(run, { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl }));
  },
});
