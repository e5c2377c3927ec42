/**
 * The fake Discord's public surface for tests: start it, drive it, and reuse its limit checkers.
 * Free of discord.js at run time; the discord.js helpers live in ./discord-js-client.
 */
export { startFakeDiscord, FakeDiscord, type FakeDiscordOptions, type RequestMatch } from './fake-discord';
export type { FailureMatch, FailureSpec } from './failure-injection';
export type { CreateGuildOptions, CreatedGuild } from './guild-setup';
export { InteractionHandle, type InteractionCallback } from './interaction-handle';
export type { InteractionActor } from './interaction-envelope';
export type {
  AutocompleteInteractionOptions,
  ButtonInteractionOptions,
  CommandInteractionOptions,
  InteractionKind,
  InteractionOptionsByKind,
  ModalInteractionOptions,
} from './interaction-payloads';
export type { RecordedRequest, FakeState } from './fake-state';
export { DISCORD_LIMITS, COMMAND_NAME_PATTERN } from './discord-limits';
export { validateMessageBody, messageIssues } from './validate-message';
export { validateModalData } from './validate-modal';
export { validateCommandList } from './validate-commands';
export { FormErrors, type FormIssue, type InvalidFormBody } from './form-errors';
