import { z } from 'zod';
import { personOption, requirePerson } from './person';
import { ephemeral } from './reply';
import { defineCommand } from './types';

const USAGE = 'away until <YYYY-MM-DD> delegate @person | away back';

/** "2026-12-24" (back that day, 00:00 UTC) or a full ISO time. */
const untilDate = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(text);
    if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
      ctx.addIssue({ code: 'custom', message: `write the date as YYYY-MM-DD, not "${text}"` });
      return z.NEVER;
    }
    return date;
  });

export const awayCommand = defineCommand({
  name: 'away',
  description: 'Away until a date: a delegate gets your reminders and gates',
  usage: USAGE,
  permission: 'read',
  options: [
    { name: 'until', description: 'The day you are back, YYYY-MM-DD', type: 'string', required: false, maxLength: 40 },
    personOption('delegate', 'Who stands in for you (@mention)', false),
    { name: 'back', description: 'You are back: reminders come to you again', type: 'boolean', required: false },
  ],
  schema: z
    .object({ until: untilDate.optional(), delegate: z.string().trim().min(1).optional(), back: z.boolean().optional() })
    .refine((a) => a.back || (a.until && a.delegate), { message: 'say until when and who stands in: away until 2026-12-24 delegate @person' }),
  parseText(tokens) {
    const lower = tokens.map((t) => t.toLowerCase());
    if (lower[0] === 'back' || lower[0] === 'off') return { back: true };
    const at = (word: string) => (lower.indexOf(word) >= 0 ? tokens[lower.indexOf(word) + 1] : undefined);
    return { until: at('until'), delegate: at('delegate') };
  },
  async handle(ctx, args) {
    if (args.back) {
      const was = await ctx.service.endAway(ctx.actor, ctx.now);
      return ephemeral(was ? 'Welcome back: reminders and gates come to you again.' : 'You were not marked away; nothing changed.');
    }
    const delegate = requirePerson(args.delegate!, ctx.actor, USAGE);
    const away = await ctx.service.setAway({ actor: ctx.actor, until: args.until!, delegate }, ctx.now);
    return ephemeral(`Away until ${away.until.toISOString().slice(0, 10)}: ${away.delegate.name} gets your reminders, DMs and gates meanwhile. \`/factory away back\` ends it early.`);
  },
});
