/**
 * Builds INTERACTION_CREATE payloads from Discord's own samples (./samples), overwriting only what
 * a test controls, and registers the interaction so its callback and webhooks are accepted.
 */
import { readFileSync } from 'node:fs';
import type { FakeState, InteractionRecord } from './fake-state';
import { buildCommandData, type CommandInput } from './interaction-command-data';
import { buildEnvelope, type InteractionActor } from './interaction-envelope';

const sample = (file: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./samples/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const SAMPLES = {
  command: sample('discord-application-command.docs-example.json'),
  autocomplete: sample('discord-autocomplete.docs-example.partial.json'),
  button: sample('discord-message-component.button.docs-example.json'),
  modal: sample('discord-modal-submit.docs-example.legacy-action-row.json'),
};

export type CommandInteractionOptions = InteractionActor & CommandInput;
export type AutocompleteInteractionOptions = CommandInteractionOptions & { /** Name of the option being typed. */ focused: string };
export interface ButtonInteractionOptions extends InteractionActor {
  /** A message in the fake (usually one the bot sent) that carries the button. */
  messageId: string;
  customId: string;
}
export interface ModalInteractionOptions extends InteractionActor {
  customId: string;
  /** Text input values by their custom_id. */
  values: Record<string, string>;
  /** The message whose button opened the modal; inherited from the interaction that opened it. */
  messageId?: string;
  /** 'label' (current, type 18) or 'action-row' (legacy, type 1). Default 'label'. */
  shape?: 'label' | 'action-row';
}

/** The options each kind of interaction takes. */
export interface InteractionOptionsByKind {
  command: CommandInteractionOptions;
  autocomplete: AutocompleteInteractionOptions;
  button: ButtonInteractionOptions;
  modal: ModalInteractionOptions;
}
export type InteractionKind = keyof InteractionOptionsByKind;

const TYPES: Record<InteractionKind, number> = { command: 2, button: 3, autocomplete: 4, modal: 5 };

/** Builds the payload and records the interaction; the caller dispatches it. */
export function createInteraction<K extends InteractionKind>(state: FakeState, kind: K, opts: InteractionOptionsByKind[K]): InteractionRecord {
  const source = sourceMessageOf(state, kind, opts);
  const channelId = opts.channelId ?? source?.channel_id;
  if (!channelId) throw new Error(`fake-discord: ${kind} interaction needs a channelId`);
  const { envelope, channel } = buildEnvelope(state, opts, channelId);
  const id = state.ids.next();
  const payload: Record<string, unknown> = { ...structuredClone(SAMPLES[kind]), ...envelope, id, type: TYPES[kind], token: state.ids.token('aW50ZXJhY3Rpb24') };
  if (!channel.guildId) delete payload.member;
  if (kind === 'command' || kind === 'autocomplete') {
    const o = opts as AutocompleteInteractionOptions;
    payload.data = buildCommandData(state, channel.guildId, o, kind === 'autocomplete' ? o.focused : undefined);
  } else if (kind === 'button') {
    const o = opts as ButtonInteractionOptions;
    const button = findButton(source, o.customId);
    payload.data = { custom_id: o.customId, component_type: 2, id: button.id ?? 0 };
  } else {
    payload.data = buildModalData(state, opts as ModalInteractionOptions);
  }
  if (source) payload.message = structuredClone(source);
  else delete payload.message;
  const record: InteractionRecord = { id, token: String(payload.token), type: TYPES[kind], payload, channelId, guildId: channel.guildId, sourceMessageId: source?.id, createdAt: state.now(), originalEdits: [], followUpIds: [] };
  state.interactions.set(id, record);
  return record;
}

function sourceMessageOf(state: FakeState, kind: InteractionKind, opts: InteractionActor & { messageId?: string; customId?: string }) {
  let messageId = opts.messageId;
  if (kind === 'modal' && !messageId) messageId = openerOf(state, String(opts.customId))?.sourceMessageId;
  if (kind !== 'button' && kind !== 'modal') return undefined;
  if (!messageId) return undefined;
  const message = state.messages.get(messageId);
  if (!message) throw new Error(`fake-discord: unknown message ${messageId}`);
  return message;
}

function findButton(message: ReturnType<typeof sourceMessageOf>, customId: string): { id?: number } {
  const buttons = (message?.components ?? []).flatMap((row) => ('components' in row ? (row.components as unknown as Array<Record<string, unknown>>) : []));
  const button = buttons.find((b) => b.custom_id === customId);
  if (!button) throw new Error(`fake-discord: message ${message?.id} has no component with custom_id "${customId}"`);
  if (button.disabled === true) throw new Error(`fake-discord: button "${customId}" is disabled; Discord would not send a click`);
  return button as { id?: number };
}

/** The interaction whose MODAL callback (type 9) opened a modal with this custom_id, newest first. */
function openerOf(state: FakeState, customId: string): InteractionRecord | undefined {
  return [...state.interactions.values()].reverse().find((r) => r.callback?.type === 9 && (r.callback.data as { custom_id?: string } | undefined)?.custom_id === customId);
}

function buildModalData(state: FakeState, opts: ModalInteractionOptions): Record<string, unknown> {
  const opened = openerOf(state, opts.customId)?.callback?.data as { components?: Array<Record<string, unknown>> } | undefined;
  if (opened?.components) {
    const inputs = opened.components.map((c) => (c.component ?? (c.components as unknown[] | undefined)?.[0]) as { custom_id: string; required?: boolean });
    for (const key of Object.keys(opts.values)) {
      if (!inputs.some((i) => i.custom_id === key)) throw new Error(`fake-discord: the modal "${opts.customId}" has no input "${key}"`);
    }
    const missing = inputs.find((i) => i.required !== false && !opts.values[i.custom_id]);
    if (missing) throw new Error(`fake-discord: "${missing.custom_id}" is required; Discord would not let the user submit`);
  }
  // Component ids number wrappers and inputs in order, as Discord does for a modal.
  const components = Object.entries(opts.values).map(([customId, value], i) => {
    const input = { type: 4, id: 2 * i + 2, custom_id: customId, value };
    return opts.shape === 'action-row' ? { type: 1, id: 2 * i + 1, components: [input] } : { type: 18, id: 2 * i + 1, component: input };
  });
  return { custom_id: opts.customId, components };
}
