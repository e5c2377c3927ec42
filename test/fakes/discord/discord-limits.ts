/**
 * Discord's documented limits as the fake enforces them. Transcribed independently of
 * adapters/discord/limits.ts on purpose: the round-trip test only means something if the fake's
 * numbers do not come from the code under test. Sources: shared/reference/platform-limits.md
 * (DDOCS = discord/discord-api-docs @ c98d64bc).
 *
 * Lengths are counted in UTF-16 code units (String#length) and before trimming. That is at least
 * as strict as Discord however it counts, so a payload the fake accepts, Discord accepts.
 */
export const DISCORD_LIMITS = {
  /** DDOCS resources/message.mdx:1080 (create), :1200 (edit). */
  content: 2000,
  /** message.mdx:1083. */
  embeds: 10,
  /** message.mdx:611-619 (Embed Limits). */
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  /** components/reference.mdx:2542 (legacy messages, no IS_COMPONENTS_V2). */
  actionRows: 5,
  /** reference.mdx:94,108,115. */
  buttonsPerRow: 5,
  /** reference.mdx:81,177. */
  customIdMin: 1,
  customIdMax: 100,
  /** reference.mdx:175. */
  buttonLabel: 80,
  /** reference.mdx:179. */
  buttonUrl: 512,
  /** interactions/receiving-and-responding.mdx:320-322. */
  modalTitle: 45,
  modalComponentsMin: 1,
  modalComponentsMax: 5,
  /** reference.mdx:503-507, :2017-2018; legacy TextInput.label 45 (DAT message.d.ts:1461). */
  textInputLabel: 45,
  labelDescription: 100,
  textInputLength: 4000,
  textInputPlaceholder: 100,
  /** application-commands.mdx:18,29-33,71-82,118-124,167-174,450. */
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  choiceName: 100,
  choiceStringValue: 100,
  commandTotal: 8000,
  chatInputCommandsPerScope: 100,
  /** receiving-and-responding.mdx:313. */
  autocompleteChoices: 25,
  /** resources/channel.mdx (Start Thread): name 1-100. */
  threadName: 100,
} as const;

/** application-commands.mdx:18, with the `u` flag the docs require. */
export const COMMAND_NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Message flags that change validation (message.mdx:154; components/reference.mdx:13). */
export const MESSAGE_FLAGS = { ephemeral: 1 << 6, loading: 1 << 7, componentsV2: 1 << 15 } as const;
