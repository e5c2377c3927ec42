/**
 * Discord limits the renderer enforces. Sources: shared/reference/platform-limits.md, citing
 * discord/discord-api-docs @ c98d64bc (DDOCS) and discord-api-types 0.38.57 (DAT).
 * Lengths are measured in UTF-16 code units (String#length), which is never less than what
 * Discord counts, so a payload within these numbers is within Discord's.
 */

/** Message `content`. DDOCS resources/message.mdx:1080 (create), :1200 (edit). */
export const MAX_CONTENT = 2000;
/** Rich embeds per message. message.mdx:1083. */
export const MAX_EMBEDS = 10;
/** Embed title. message.mdx:611; DAT payloads/v10/message.d.ts:552. */
export const MAX_EMBED_TITLE = 256;
/** Embed description. message.mdx:612. */
export const MAX_EMBED_DESCRIPTION = 4096;
/** Fields per embed. message.mdx:613. */
export const MAX_EMBED_FIELDS = 25;
/** Field name. message.mdx:614. */
export const MAX_FIELD_NAME = 256;
/** Field value. message.mdx:615. */
export const MAX_FIELD_VALUE = 1024;
/** Footer text. message.mdx:616. */
export const MAX_FOOTER_TEXT = 2048;
/** Author name. message.mdx:617. */
export const MAX_AUTHOR_NAME = 256;
/** Sum of title, description, field names and values, footer text and author name across all embeds. message.mdx:619 (else 400). */
export const MAX_EMBED_TOTAL = 6000;
/** Top-level action rows in a legacy (non Components V2) message. components/reference.mdx:2542. */
export const MAX_ACTION_ROWS = 5;
/** Buttons per action row. components/reference.mdx:94,108. */
export const MAX_BUTTONS_PER_ROW = 5;
/** custom_id length, 1-100, unique per message. components/reference.mdx:81-85. */
export const MAX_CUSTOM_ID = 100;
/** Button label. components/reference.mdx:175; @discordjs/builders index.js:541. */
export const MAX_BUTTON_LABEL = 80;
/** Link button url. components/reference.mdx:179. */
export const MAX_BUTTON_URL = 512;
/** Modal title. interactions/receiving-and-responding.mdx:321; @discordjs/builders:3339. */
export const MAX_MODAL_TITLE = 45;
/** Top-level components in a modal, 1-5. receiving-and-responding.mdx:322. */
export const MAX_MODAL_COMPONENTS = 5;
/** Label (type 18) label, and legacy text input label. components/reference.mdx:2017; DAT message.d.ts:1461. */
export const MAX_TEXT_INPUT_LABEL = 45;
/** Text input max_length 1-4000 and value <= 4000. components/reference.mdx:503-506. */
export const MAX_TEXT_INPUT_LENGTH = 4000;
/** Text input placeholder. components/reference.mdx:507. */
export const MAX_TEXT_INPUT_PLACEHOLDER = 100;
/** Ids per allowed_mentions.users / .roles list. DAT payloads/v10/message.d.ts:1039-1043 ("Max size of 100"); not in platform-limits.md. */
export const MAX_ALLOWED_MENTION_IDS = 100;
/** Message flag: only the invoking user sees it. message.mdx:154. */
export const EPHEMERAL_FLAG = 1 << 6;
