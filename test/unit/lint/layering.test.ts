import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Each layering rule of eslint.config.js, proved on a probe file: the forbidden form is flagged
// with the rule's own message, a permitted neighbour is not (so a pattern that matches nothing,
// or everything, fails here).
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function messagesOf(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const importOf = (source: string) => `import { thing } from '${source}';\nexport const probe = thing;\n`;

const forbidden: Array<{ rule: string; file: string; code: string; says: string }> = [
  ...['src/engine/probe.ts', 'src/schema/probe.ts', 'src/domain/probe.ts', 'src/cards/probe.ts'].flatMap((file) => [
    { rule: 'pure code imports no I/O (kysely)', file, code: importOf('kysely'), says: 'are pure: no I/O imports' },
    { rule: 'pure code imports no I/O (node:fs)', file, code: importOf('node:fs'), says: 'are pure: no I/O imports' },
    { rule: 'pure code imports no platform (discord.js)', file, code: importOf('discord.js'), says: 'are pure: no I/O imports' },
    { rule: 'pure code never calls Date.now()', file, code: 'export const probe = Date.now();\n', says: 'pure code never reads the clock' },
    { rule: 'pure code never calls new Date()', file, code: 'export const probe = new Date();\n', says: 'pure code never reads the clock' },
    { rule: 'pure code never reads process.env', file, code: 'export const probe = process.env.X;\n', says: 'Only src/config.ts reads the environment' },
  ]),
  ...['src/runner/probe.ts', 'commands/probe.ts', 'adapters/slack/probe.ts'].map((file) => ({
    rule: 'only src/config.ts reads process.env',
    file,
    code: 'export const probe = process.env.X;\n',
    says: 'Only src/config.ts reads the environment',
  })),
  { rule: 'commands import no platform (@slack)', file: 'commands/probe.ts', code: importOf('@slack/bolt'), says: 'Commands are platform- and database-neutral' },
  { rule: 'commands import no platform (discord.js)', file: 'commands/probe.ts', code: importOf('discord.js'), says: 'Commands are platform- and database-neutral' },
  { rule: 'commands import no adapter', file: 'commands/probe.ts', code: importOf('../adapters/slack/slack-adapter'), says: 'Commands are platform- and database-neutral' },
  { rule: 'commands import no kysely', file: 'commands/probe.ts', code: importOf('kysely'), says: 'Commands are platform- and database-neutral' },
  { rule: 'commands import no store module', file: 'commands/probe.ts', code: importOf('../src/store/runs.store'), says: 'Commands are platform- and database-neutral' },
  { rule: 'commands import no store index', file: 'commands/probe.ts', code: importOf('../src/store'), says: 'Commands are platform- and database-neutral' },
  { rule: 'adapters import no store module', file: 'adapters/slack/probe.ts', code: importOf('../../src/store/runs.store'), says: 'Adapters never touch the store' },
  { rule: 'adapters import no store index', file: 'adapters/discord/probe.ts', code: importOf('../../src/store'), says: 'Adapters never touch the store' },
  { rule: 'adapters import no pg', file: 'adapters/console/probe.ts', code: importOf('pg'), says: 'Adapters never touch the store' },
  { rule: 'migrations import no app code', file: 'migrations/9999_probe.ts', code: importOf('../src/store/runs.store'), says: 'Migrations are frozen in time' },
];

const permitted: Array<{ what: string; file: string; code: string }> = [
  { what: 'the engine imports the domain', file: 'src/engine/probe.ts', code: importOf('../domain/records') },
  { what: 'cards import zod', file: 'src/cards/probe.ts', code: importOf('zod') },
  { what: 'the engine uses a passed-in date', file: 'src/engine/probe.ts', code: 'export const probe = (now: Date) => new Date(now.getTime() + 1);\n' },
  { what: 'the runner reads the clock', file: 'src/runner/probe.ts', code: 'export const probe = Date.now();\n' },
  { what: 'src/config.ts reads process.env', file: 'src/config.ts', code: 'export const probe = process.env.X;\n' },
  { what: 'commands import the run service', file: 'commands/probe.ts', code: importOf('../src/runner/factory-service') },
  { what: 'commands import cards', file: 'commands/probe.ts', code: importOf('../src/cards') },
  { what: 'commands import the domain', file: 'commands/probe.ts', code: importOf('../src/domain/card') },
  { what: 'adapters import commands', file: 'adapters/slack/probe.ts', code: importOf('../../commands') },
  { what: 'the runner imports the store', file: 'src/runner/probe.ts', code: importOf('../store/runs.store') },
  { what: 'migrations import kysely', file: 'migrations/9999_probe.ts', code: importOf('kysely') },
];

describe('layering rules in eslint.config.js', () => {
  it.each(forbidden)('$rule: fires in $file', async ({ file, code, says }) => {
    const messages = await messagesOf(file, code);
    expect(messages.some((m) => m.includes(says)), messages.join('\n')).toBe(true);
  });

  it.each(permitted)('$what: not flagged ($file)', async ({ file, code }) => {
    expect(await messagesOf(file, code)).toEqual([]);
  });
});
