import { SLACK } from './slack-limits';
import { checkElement, checkLength, checkTextObject, isObject, Problems, type Json } from './validate-elements';

/** How the fake answers a body Slack would refuse: an error code and Slack-style messages. */
export type Refusal = { error: string; errors: string[] };

/**
 * Validates chat.postMessage / chat.update / response_url blocks the way Slack does: schema and
 * limit problems → `invalid_blocks` with every problem listed; a valid message whose blocks JSON
 * is over ~12,000 characters → `msg_blocks_too_long`. Returns null when Slack would accept it.
 */
export function validateMessageBlocks(blocks: unknown): Refusal | null {
  if (!Array.isArray(blocks)) return { error: 'invalid_blocks_format', errors: ['must provide an array [json-pointer:/blocks]'] };
  const p = new Problems();
  checkBlockList(p, blocks, '/blocks', SLACK.messageBlocks, 'message');
  if (p.list.length > 0) return { error: 'invalid_blocks', errors: p.list };
  const size = JSON.stringify(blocks).length;
  if (size > SLACK.messageBlocksJson) return { error: 'msg_blocks_too_long', errors: [`blocks JSON is ${size} characters [json-pointer:/blocks]`] };
  return null;
}

/** Validates a view for views.open / views.update / views.publish. Slack answers these with `invalid_arguments`. */
export function validateView(view: unknown, expectedType: 'modal' | 'home' | 'any'): Refusal | null {
  const p = new Problems();
  if (!isObject(view)) return { error: 'invalid_arguments', errors: ['must provide an object [json-pointer:/view]'] };
  if (view.type !== 'modal' && view.type !== 'home') p.add('must be one of: modal, home', '/view/type');
  else if (expectedType !== 'any' && view.type !== expectedType) p.add(`must be ${expectedType}`, '/view/type');
  if (view.type === 'modal') {
    checkTextObject(p, view.title, '/view/title', SLACK.modalTitle, true);
    for (const key of ['submit', 'close'] as const) if (view[key] !== undefined) checkTextObject(p, view[key], `/view/${key}`, SLACK.modalButton, true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) p.add('submit is required when an input block is present', '/view');
  }
  if (view.callback_id !== undefined) checkLength(p, view.callback_id, '/view/callback_id', SLACK.callbackId, 0);
  if (view.private_metadata !== undefined) checkLength(p, view.private_metadata, '/view/private_metadata', SLACK.privateMetadata, 0);
  if (!Array.isArray(view.blocks)) p.add('must provide an array', '/view/blocks');
  else checkBlockList(p, view.blocks, '/view/blocks', SLACK.viewBlocks, 'view');
  return p.list.length > 0 ? { error: 'invalid_arguments', errors: p.list } : null;
}

function checkBlockList(p: Problems, blocks: unknown[], pointer: string, max: number, surface: 'message' | 'view'): void {
  if (blocks.length > max) p.add(`no more than ${max} items allowed`, pointer);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(block)) return p.add('must provide an object', at);
    if (block.block_id !== undefined) {
      checkLength(p, block.block_id, `${at}/block_id`, SLACK.blockId);
      if (typeof block.block_id === 'string' && blockIds.has(block.block_id)) p.add(`duplicate block_id: ${block.block_id}`, `${at}/block_id`);
      blockIds.add(String(block.block_id));
    }
    checkBlock(p, block, at, surface);
  });
}

function checkBlock(p: Problems, block: Json, at: string, surface: 'message' | 'view'): void {
  switch (block.type) {
    case 'section':
      if (block.text === undefined && block.fields === undefined) return p.add('must provide either text or fields', at);
      if (block.text !== undefined) checkTextObject(p, block.text, `${at}/text`, SLACK.sectionText);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) return p.add('must provide an array', `${at}/fields`);
        if (block.fields.length > SLACK.sectionFields) p.add(`no more than ${SLACK.sectionFields} items allowed`, `${at}/fields`);
        block.fields.forEach((f, j) => checkTextObject(p, f, `${at}/fields/${j}`, SLACK.sectionFieldText));
      }
      if (block.accessory !== undefined) checkElement(p, block.accessory, `${at}/accessory`);
      return;
    case 'header':
      return checkTextObject(p, block.text, `${at}/text`, SLACK.headerText, true);
    case 'context':
      if (!Array.isArray(block.elements) || block.elements.length === 0) return p.add('must provide a non-empty array', `${at}/elements`);
      if (block.elements.length > SLACK.contextElements) p.add(`no more than ${SLACK.contextElements} items allowed`, `${at}/elements`);
      block.elements.forEach((e, j) => {
        if (isObject(e) && e.type === 'image') return;
        checkTextObject(p, e, `${at}/elements/${j}`, SLACK.textObject);
      });
      return;
    case 'actions':
      return checkActions(p, block, at);
    case 'input':
      checkTextObject(p, block.label, `${at}/label`, SLACK.inputLabel, true);
      if (block.hint !== undefined) checkTextObject(p, block.hint, `${at}/hint`, SLACK.inputHint, true);
      if (block.element === undefined) return p.add('missing required field: element', at);
      return checkElement(p, block.element, `${at}/element`);
    case 'markdown':
      return checkLength(p, block.text, `${at}/text`, SLACK.markdownBlockText);
    case 'divider':
    case 'image':
    case 'rich_text':
      return;
    default:
      p.add(`unsupported block type${surface === 'view' ? ' in a view' : ''}: ${String(block.type)}`, `${at}/type`);
  }
}

function checkActions(p: Problems, block: Json, at: string): void {
  if (!Array.isArray(block.elements) || block.elements.length === 0) return p.add('must provide a non-empty array', `${at}/elements`);
  if (block.elements.length > SLACK.actionsElements) p.add(`no more than ${SLACK.actionsElements} items allowed`, `${at}/elements`);
  const actionIds = new Set<string>();
  block.elements.forEach((e, j) => {
    checkElement(p, e, `${at}/elements/${j}`);
    if (!isObject(e) || typeof e.action_id !== 'string') return;
    if (actionIds.has(e.action_id)) p.add(`action_id must be unique in the block: ${e.action_id}`, `${at}/elements/${j}/action_id`);
    actionIds.add(e.action_id);
  });
}
