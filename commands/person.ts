import type { Actor } from '../src/domain/actor';
import { UserError } from '../src/domain/errors';
import { parsePersonRef } from '../src/schema/person-ref';
import type { OptionSpec } from './types';

export const personOption = (name: string, description: string, required: boolean): OptionSpec => ({ name, description, type: 'string', required, maxLength: 100 });

/** "@ana", "<@U123|ana>", "slack:user:U123" as the person it names on the caller's platform, or a UserError with the usage. */
export function requirePerson(text: string, caller: Pick<Actor, 'platform'>, usage: string): Actor {
  const parsed = parsePersonRef(text, caller.platform);
  if (!parsed.ok) throw new UserError('invalid_arguments', `${parsed.error}.\nUsage: \`/factory ${usage}\``);
  return parsed.value;
}
