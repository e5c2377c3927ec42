/**
 * The limits the fake Slack enforces. Deliberately NOT imported from adapters/slack/limits.ts: the
 * fake is the oracle the renderer is tested against, so it keeps its own copy of Slack's numbers
 * (sources: /work/shared/reference/platform-limits.md §0, §B1, §B3, §B6).
 */
export const SLACK = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  textObject: 3000,
  modalTitle: 24,
  modalButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMaxLength: 3000,
  placeholder: 150,
  markdownBlockText: 12_000,
  /** Undocumented server limit seen as `msg_blocks_too_long` (bolt-js issues 2509, 2867); measured on the blocks' JSON. */
  messageBlocksJson: 12_000,
  /** trigger_id must be used within 3 s (bolt-js docs, creating-modals.md:20). */
  triggerTtlMs: 3000,
  /** response_url: 5 uses within 30 minutes (secondary source, reference §B6). */
  responseUrlUses: 5,
  responseUrlTtlMs: 30 * 60 * 1000,
} as const;
