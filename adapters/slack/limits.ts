/**
 * Slack Block Kit limits the renderers enforce. Each constant names its source; the full table with
 * citations is /work/shared/reference/platform-limits.md (§0 and §B1). Lengths are counted in
 * UTF-16 code units (`string.length`), which is never less than Slack's character count, so a
 * string that fits here fits in Slack.
 *
 * The local Slack fake (test/fakes/slack/slack-limits.ts) keeps its own copy on purpose: it is the
 * independent oracle the renderer is tested against, so a wrong number here makes a test fail.
 */

/** Blocks in one message. docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in each message"). */
export const MAX_MESSAGE_BLOCKS = 50;
/** Blocks in a modal or Home tab. Same page; @slack/types views.d.ts:4 ("Max of 100 blocks"). */
export const MAX_VIEW_BLOCKS = 100;

/** Section `text`: 1–3000. @slack/types block-kit/blocks.d.ts:393. */
export const MAX_SECTION_TEXT = 3000;
/** Section `fields`: at most 10 items. blocks.d.ts:399. */
export const MAX_SECTION_FIELDS = 10;
/** Each section field's text. blocks.d.ts:400. */
export const MAX_SECTION_FIELD_TEXT = 2000;
/** Header block plain_text. blocks.d.ts:273. */
export const MAX_HEADER_TEXT = 150;
/** Context block elements. blocks.d.ts:181. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** Actions block elements. blocks.d.ts:43. */
export const MAX_ACTIONS_ELEMENTS = 25;

/** Button text / value / url. block-kit/block-elements.d.ts:15-41. */
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_BUTTON_URL = 3000;
/** `action_id` (extensions.d.ts:10) and `block_id` (blocks.d.ts:12). */
export const MAX_ACTION_ID = 255;
export const MAX_BLOCK_ID = 255;

/** Modal title, submit and close labels. @slack/types views.d.ts:31,36,41. */
export const MAX_MODAL_TITLE = 24;
export const MAX_MODAL_BUTTON = 24;
/** View `callback_id` and `private_metadata`. views.d.ts:10,15. */
export const MAX_CALLBACK_ID = 255;
export const MAX_PRIVATE_METADATA = 3000;
/** Input block label and hint. blocks.d.ts InputBlock (~l.315-321). */
export const MAX_INPUT_LABEL = 2000;
/** plain_text_input `max_length` upper bound. docs.slack.dev plain-text-input-element; block-elements.d.ts:550. */
export const MAX_PLAIN_TEXT_INPUT_LENGTH = 3000;
/** Placeholder text. @slack/types block-kit/extensions.d.ts:47. */
export const MAX_PLACEHOLDER = 150;

/**
 * Slack answers `msg_blocks_too_long` when a message's blocks add up to roughly 12,000 characters,
 * an undocumented server limit (github.com/slackapi/bolt-js/issues/2509 and /issues/2867: "12,000
 * text characters with a buffer for block containers"). We measure the blocks' JSON, which
 * over-counts, and aim at 11,000 to keep a margin for Slack's own accounting.
 */
export const SLACK_MSG_BLOCKS_JSON_LIMIT = 12_000;
export const MESSAGE_BLOCKS_JSON_BUDGET = 11_000;

/**
 * Fallback `text` of a message: Slack truncates above 40,000 and asks to keep it near 4,000
 * (api.slack.com/changelog/2018-04-truncating-really-long-messages). It only feeds notifications.
 */
export const MAX_FALLBACK_TEXT = 3000;
