import { z } from 'zod';
import type { OptionSpec } from './types';

/** Shared option specs and validators, so every command names things the same way. */
export const runOption: OptionSpec = { name: 'run', description: 'Run number, e.g. 12', type: 'string', required: true, autocomplete: 'run' };
export const gateOption: OptionSpec = { name: 'gate', description: 'Gate number, e.g. 7', type: 'string', required: true, autocomplete: 'gate' };

const idText = (what: string) =>
  z
    .string({ error: `give the ${what} number` })
    .trim()
    .transform((v) => v.replace(/^#/, ''))
    .pipe(z.string().regex(/^\d{1,18}$/, `a ${what} is a number like 12`));

export const runId = idText('run');
export const gateId = idText('gate');

/** `public`: share a read command's answer with the channel; by default only the asker sees it. */
export const publicOption: OptionSpec = { name: 'public', description: 'Show the answer to the whole channel (default: only you)', type: 'boolean', required: false };

/** Typed form of `public`: the word anywhere among the arguments. */
export function takePublicWord(tokens: readonly string[]): { rest: string[]; isPublic: boolean } {
  const rest = tokens.filter((t) => t.toLowerCase() !== 'public');
  return { rest, isPublic: rest.length !== tokens.length };
}
