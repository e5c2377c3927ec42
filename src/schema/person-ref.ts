import type { Actor } from '../domain/actor';
import { err, ok, type Result } from '../domain/result';
import type { Platform } from '../domain/statuses';

const DISCORD_MENTION = /^<@!?(\d{15,25})>$/;
const SLACK_MENTION = /^<@([UW][A-Z0-9]{2,})(?:\|([^>]+))?>$/;
const PRINCIPAL = /^(discord|slack|console):user:([A-Za-z0-9_.-]+)$/;
const BARE_SLACK_ID = /^[UW][A-Z0-9]{6,}$/;
const BARE_DISCORD_ID = /^\d{15,25}$/;
const PLAIN_NAME = /^@?([A-Za-z0-9_.-]{1,64})$/;

/**
 * A person named in a command or an API call ("@person"), as the Actor a gate is handed to. Takes
 * a Discord mention `<@123…>`, a Slack mention `<@U123|ana>`, a principal "slack:user:U123", a bare
 * platform id, or (on the console) "@name". Mentions without a name keep the mention as the name,
 * so chat renders it as the person. Pure; reports instead of throwing.
 */
export function parsePersonRef(text: string, platform: Platform): Result<Actor> {
  const value = text.trim();
  const person = (on: Platform, id: string, name?: string): Result<Actor> =>
    ok({ type: 'human', platform: on, id, name: name ?? (on === 'discord' || on === 'slack' ? `<@${id}>` : id) });
  const principal = PRINCIPAL.exec(value);
  if (principal) return person(principal[1] as Platform, principal[2]!);
  const discord = DISCORD_MENTION.exec(value);
  if (discord) return person('discord', discord[1]!);
  const slack = SLACK_MENTION.exec(value);
  if (slack) return person('slack', slack[1]!, slack[2] ? `@${slack[2]}` : undefined);
  if (platform === 'slack' && BARE_SLACK_ID.test(value)) return person('slack', value);
  if (platform === 'discord' && BARE_DISCORD_ID.test(value)) return person('discord', value);
  const plain = PLAIN_NAME.exec(value);
  if (plain && platform === 'console') return person('console', plain[1]!, plain[1]!);
  return err(`"${value}" is not a person: mention them (@name), or write "slack:user:U123" / "discord:user:123"`);
}

/** "<platform>:user:<id>": the principal config uses for a person. */
export const principalOfPerson = (person: Pick<Actor, 'platform' | 'id'>): string => `${person.platform}:user:${person.id}`;
