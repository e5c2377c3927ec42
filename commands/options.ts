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
