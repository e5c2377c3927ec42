import { z } from 'zod';
import { fail, parseArgs, type MethodResult, type Route } from './route-kit';
import { FAKE_TEAM } from './state';

const openArgs = z.object({ users: z.string().optional(), channel: z.string().optional() });
const groupArgs = z.object({ usergroup: z.string().min(1) });
const userArgs = z.object({ user: z.string().min(1) });

/** Identity, DMs and the people directory: auth.test, conversations.open, users.info, usergroups.users.list. */
export const directoryRoutes: Record<string, Route> = {
  'auth.test': {
    token: 'bot',
    handle(): MethodResult {
      return {
        ok: true, url: `https://${FAKE_TEAM.domain}.slack.com/`, team: 'Fake Factory', user: 'process-factory',
        team_id: FAKE_TEAM.id, user_id: FAKE_TEAM.botUserId, bot_id: FAKE_TEAM.botId, is_enterprise_install: false,
      };
    },
  },
  'conversations.open': {
    token: 'bot',
    handle(raw, { state }): MethodResult {
      const parsed = parseArgs(openArgs, raw);
      if (!parsed.ok) return parsed.result;
      if (parsed.args.channel) return { ok: true, channel: { id: parsed.args.channel }, already_open: true };
      const users = (parsed.args.users ?? '').split(',').map((u) => u.trim()).filter(Boolean);
      if (users.length === 0) return fail('users_list_not_supplied');
      if (users.length > 1) return fail('not_implemented_in_fake');
      const user = users[0] ?? '';
      if (!/^[UW][A-Z0-9]+$/.test(user)) return fail('user_not_found');
      return { ok: true, channel: { id: state.dmChannelFor(user) } };
    },
  },
  'users.info': {
    token: 'bot',
    handle(raw, { state }): MethodResult {
      const parsed = parseArgs(userArgs, raw);
      if (!parsed.ok) return parsed.result;
      const user = state.users.get(parsed.args.user);
      if (!user) return fail('user_not_found');
      return {
        ok: true,
        user: {
          team_id: FAKE_TEAM.id, deleted: false, is_bot: false, tz: 'UTC', real_name: user.name, ...user,
          profile: { real_name: user.real_name ?? user.name, display_name: user.name },
        },
      };
    },
  },
  'usergroups.users.list': {
    token: 'bot',
    handle(raw, { state }): MethodResult {
      const parsed = parseArgs(groupArgs, raw);
      if (!parsed.ok) return parsed.result;
      const users = state.usergroups.get(parsed.args.usergroup);
      return users ? { ok: true, users: [...users] } : fail('no_such_subteam');
    },
  },
};
