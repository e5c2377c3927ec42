import type { Env } from '../config';

/**
 * How this process chats:
 * - `platforms`: a chat token is set (Discord, Slack or both); the terminal only shows logs.
 * - `console`: no token and a person at a terminal; the terminal is the chat.
 * - `headless`: no token and no terminal (a container, a pipe); pipelines run, nobody is asked.
 */
export type ChatMode = 'platforms' | 'console' | 'headless';

/** Picks the chat mode from the tokens set and whether stdin is a terminal. Pure. */
export function chooseChatMode(env: Pick<Env, 'DISCORD_TOKEN' | 'SLACK_BOT_TOKEN'>, terminal: { stdinIsTTY: boolean }): ChatMode {
  if (env.DISCORD_TOKEN || env.SLACK_BOT_TOKEN) return 'platforms';
  return terminal.stdinIsTTY ? 'console' : 'headless';
}

/** The log line a headless process starts with: how to get a chat. */
export const HEADLESS_HINT =
  'no chat is configured and stdin is not a terminal, so this process runs headless (pipelines run, but nobody can be asked): ' +
  'set DISCORD_TOKEN or SLACK_BOT_TOKEN to chat on a platform, or run `npm start` in a terminal for the console chat';
