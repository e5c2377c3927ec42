import { renderCardTimes, timeTokensAsText } from '../../../src/domain/time-token';
import type { Card } from '../../../src/domain/card';
import type { BlockView, BlockerView, GateView, RunView } from '../../../src/domain/views';

/** The fixed clock of every card test: 2025-03-04 14:00 UTC. */
export const NOW = new Date('2025-03-04T14:00:00.000Z');
export const BASE_URL = 'https://factory.example.com';

/** Minutes relative to NOW (negative: in the past). */
export const minutesFromNow = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

/** A pending after-gate on Expert framework in clone-factory #12, opened 1h 40m ago, due in 3h 20m. */
export function makeGate(overrides: Partial<GateView> = {}): GateView {
  return {
    id: 'g-101',
    runId: 'run-12',
    runName: 'clone-factory #12',
    templateName: 'Clone factory',
    blockId: 'expert-framework-creator',
    blockName: 'Expert framework',
    layer: 'L0.25',
    position: 'after',
    kind: 'approval',
    status: 'pending',
    mode: 'gate',
    attempt: 1,
    question: null,
    priority: 'high',
    openedAt: minutesFromNow(-100),
    deadlineAt: minutesFromNow(200),
    decidedAt: null,
    decidedBy: null,
    decidedVia: null,
    reason: null,
    claimedBy: null,
    escalationLevel: 0,
    escalationStep: null,
    artifacts: [
      { key: 'expert-framework', format: 'json', preview: '{"expert": "Ada Lovelace", "pillars": ["analysis", "engines"]}', sizeBytes: 61 },
    ],
    metrics: { score: 0.91 },
    threshold: { metric: 'score', min: 0.85 },
    nextBlocks: [
      { id: 'rubric-builder', name: 'Rubric builder' },
      { id: 'demo-compiler', name: 'Demo compiler' },
    ],
    reworks: 0,
    maxReworks: 3,
    runThreadUrl: null,
    confirm: false,
    flaggedBy: null,
    ...overrides,
  };
}

export function makeBlock(overrides: Partial<BlockView> & Pick<BlockView, 'id' | 'name'>): BlockView {
  return {
    layer: null,
    parallelGroup: null,
    status: 'pending',
    attempts: 0,
    score: null,
    error: null,
    startedAt: null,
    endedAt: null,
    ...overrides,
  };
}

/** clone-factory #12, started 1h 20m ago: L0 done, framework waiting on a gate, L2 partly done. */
export function makeRun(overrides: Partial<RunView> = {}): RunView {
  return {
    id: 'run-12',
    name: 'clone-factory #12',
    templateId: 'clone-factory',
    templateName: 'Clone factory',
    status: 'running',
    simulate: false,
    createdBy: 'Ana',
    creator: { platform: 'discord', id: 'U-ana' },
    createdAt: minutesFromNow(-80),
    endedAt: null,
    params: { expert_name: 'Ada Lovelace' },
    autonomy: {},
    blocks: [
      makeBlock({ id: 'deep-research', name: 'Deep research', layer: 'L0', status: 'done', attempts: 1, startedAt: minutesFromNow(-80), endedAt: minutesFromNow(-70) }),
      makeBlock({ id: 'expert-recon', name: 'Expert recon', layer: 'L0', status: 'done', attempts: 1 }),
      makeBlock({ id: 'expert-framework-creator', name: 'Expert framework', layer: 'L0.25', status: 'waiting', attempts: 1 }),
      makeBlock({ id: 'soul-extractor', name: 'Soul extractor', layer: 'L2', status: 'done', attempts: 1, score: 0.9 }),
      makeBlock({ id: 'voice-extractor', name: 'Voice extractor', layer: 'L2', status: 'done', attempts: 2 }),
      makeBlock({ id: 'framework-extractor', name: 'Framework extractor', layer: 'L2', status: 'done', attempts: 1 }),
      makeBlock({ id: 'resource-extractor', name: 'Resource extractor', layer: 'L2', status: 'running', attempts: 1, startedAt: minutesFromNow(-3) }),
      makeBlock({ id: 'offer-extractor', name: 'Offer extractor', layer: 'L2', status: 'failed', attempts: 3, error: 'Rate limited by the model provider' }),
      makeBlock({ id: 'rubric-builder', name: 'Rubric builder', layer: 'L1', status: 'pending' }),
    ],
    pendingGates: [makeGate()],
    usage: { inputTokens: 12_345, outputTokens: 4_500, costUsd: 0.42 },
    deliveryProblems: 0,
    threadUrl: null,
    ...overrides,
  };
}

export function makeBlocker(overrides: Partial<BlockerView> = {}): BlockerView {
  return {
    kind: 'gate',
    runId: 'run-12',
    runName: 'clone-factory #12',
    blockId: 'expert-framework-creator',
    blockName: 'Expert framework',
    gateId: 'g-101',
    reason: 'awaiting-decision',
    error: null,
    mustAct: ['reviewers'],
    claimedBy: null,
    since: minutesFromNow(-100),
    deadlineAt: minutesFromNow(200),
    escalationLevel: 0,
    priority: 'medium',
    waitingBlocks: ['Rubric builder', 'Demo compiler'],
    ...overrides,
  };
}

/** Everything a person can read on a card, as one string, for "does it say X" assertions. */
export function readCard(card: Card): string {
  return [
    card.title,
    card.summary,
    card.description ?? '',
    ...(card.fields ?? []).map((f) => `${f.label}: ${f.value}`),
    ...(card.sections ?? []).map((s) => `${s.title ?? ''}\n${s.text}`),
    card.footer ?? '',
  ].join('\n');
}

/** The value of a field by label, or undefined. */
export function fieldValue(card: Card, label: string): string | undefined {
  return card.fields?.find((f) => f.label === label)?.value;
}

/**
 * A card builder whose cards read as the console shows them: every time token replaced by its
 * fallback words. The tokens themselves are tested in time-token.test.ts and the renderers' tests.
 */
export function asPlain<A extends unknown[]>(build: (...args: A) => Card): (...args: A) => Card {
  return (...args) => renderCardTimes(build(...args), timeTokensAsText);
}
