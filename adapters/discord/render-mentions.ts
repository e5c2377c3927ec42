/**
 * Card mentions -> message content and allowed_mentions. Embeds never notify anyone, so mentions
 * go in `content`; allowed_mentions names exactly those ids, so nothing else in the message (a
 * "<@123>" inside an artifact, say) can ping anybody.
 */
import type { APIAllowedMentions } from 'discord.js';
import { MAX_ALLOWED_MENTION_IDS, MAX_CONTENT } from './limits';
import { cutAt, ELLIPSIS } from './truncate-text';

export type ParsedMention = { kind: 'user' | 'role'; id: string } | { kind: 'here' | 'everyone' };

const SNOWFLAKE = String.raw`\d{15,21}`;

/**
 * Understands "@here", "@everyone", "<@id>", "<@!id>", "<@&id>", "user:id", "role:id" and bare ids
 * (a role when `roleIds` has it, else a user). Anything else (a display name) cannot notify anyone
 * on Discord and is dropped.
 */
export function parseMention(raw: string, roleIds?: ReadonlySet<string>): ParsedMention | null {
  const m = raw.trim();
  const special = /^@?(here|everyone)$/i.exec(m)?.[1]?.toLowerCase();
  if (special === 'here' || special === 'everyone') return { kind: special };
  const role = new RegExp(`^(?:<@&(${SNOWFLAKE})>|role:(${SNOWFLAKE}))$`).exec(m);
  if (role) return { kind: 'role', id: (role[1] ?? role[2])! };
  const user = new RegExp(`^(?:<@!?(${SNOWFLAKE})>|user:(${SNOWFLAKE}))$`).exec(m);
  if (user) return { kind: 'user', id: (user[1] ?? user[2])! };
  if (new RegExp(`^${SNOWFLAKE}$`).test(m)) return { kind: roleIds?.has(m) ? 'role' : 'user', id: m };
  return null;
}

function formatMention(mention: ParsedMention): string {
  if (mention.kind === 'user') return `<@${mention.id}>`;
  if (mention.kind === 'role') return `<@&${mention.id}>`;
  return `@${mention.kind}`;
}

/** Content (whole mentions, then the summary if room is left) and the matching allowed_mentions. */
export function renderMentions(mentions: readonly string[], summary: string, roleIds?: ReadonlySet<string>): { content?: string; allowed_mentions: APIAllowedMentions } {
  const users: string[] = [];
  const roles: string[] = [];
  let everyone = false;
  let line = '';
  const seen = new Set<string>();
  for (const raw of mentions) {
    const parsed = parseMention(raw, roleIds);
    if (!parsed) continue;
    const token = formatMention(parsed);
    if (seen.has(token)) continue;
    if (parsed.kind === 'user' && users.length >= MAX_ALLOWED_MENTION_IDS) continue;
    if (parsed.kind === 'role' && roles.length >= MAX_ALLOWED_MENTION_IDS) continue;
    // A half-cut "<@12…" would show as garbage and notify nobody: whole mentions only.
    if (line.length + token.length + 1 > MAX_CONTENT) break;
    seen.add(token);
    line = line ? `${line} ${token}` : token;
    if (parsed.kind === 'user') users.push(parsed.id);
    else if (parsed.kind === 'role') roles.push(parsed.id);
    else everyone = true;
  }
  // 'everyone' in parse is what lets "@here" notify; users and roles are listed explicitly.
  const allowed_mentions: APIAllowedMentions = { parse: (everyone ? ['everyone'] : []) as APIAllowedMentions['parse'] };
  if (users.length > 0) allowed_mentions.users = users;
  if (roles.length > 0) allowed_mentions.roles = roles;
  if (!line) return { allowed_mentions };
  const room = MAX_CONTENT - line.length - 1;
  const text = summary.trim();
  if (text && room > 1) line += ` ${text.length <= room ? text : `${cutAt(text, room - 1).trimEnd()}${ELLIPSIS}`}`;
  return { content: line, allowed_mentions };
}
