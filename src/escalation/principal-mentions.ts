import type { Platform } from '../domain/statuses';

const PRINCIPAL = /^(discord|slack|console):(user|role|group):(.+)$/;

/** A principal ("discord:user:123") split up; null for "*" and for anything that is not one. */
export function parsePrincipal(principal: string): { platform: Platform; kind: 'user' | 'role' | 'group'; id: string } | null {
  const m = PRINCIPAL.exec(principal.trim());
  return m ? { platform: m[1] as Platform, kind: m[2] as 'user' | 'role' | 'group', id: m[3]! } : null;
}

/**
 * A principal as a card mention on `platform`, in the form that platform's renderer notifies:
 * Discord "user:<id>" / "role:<id>", Slack the bare "U…" / "S…" id. A principal of another
 * platform, or "*", mentions nobody here (null).
 */
export function mentionFor(principal: string, platform: Platform): string | null {
  const p = parsePrincipal(principal);
  if (!p || p.platform !== platform) return null;
  if (platform === 'discord') return p.kind === 'user' ? `user:${p.id}` : `role:${p.id}`;
  return p.id;
}

/**
 * The mentions of one message on one platform: the ladder step's own (user ids, role ids, "@here",
 * meant for every platform) followed by the principals that live on this platform; no duplicates.
 * A text that is neither principal nor plain mention (a template's free-form owner) passes through
 * as written, so a renderer that understands it can use it.
 */
export function mentionsOn(platform: Platform, stepMentions: readonly string[], principals: readonly string[]): string[] {
  const out = new Set<string>(stepMentions);
  for (const principal of principals) {
    if (parsePrincipal(principal) === null) {
      if (principal !== '*' && principal.trim()) out.add(principal.trim());
      continue;
    }
    const mention = mentionFor(principal, platform);
    if (mention) out.add(mention);
  }
  return [...out];
}

/** The platform users among principals or approver entries ("slack:user:U1"); roles and groups are left out. */
export function usersAmong(entries: readonly string[] | undefined): Array<{ platform: Platform; id: string }> {
  return (entries ?? []).flatMap((entry) => {
    const p = parsePrincipal(entry);
    return p && p.kind === 'user' ? [{ platform: p.platform, id: p.id }] : [];
  });
}
