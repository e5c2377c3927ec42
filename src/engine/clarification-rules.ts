import type { BlockState } from '../domain/run';
import type { Block } from '../schema/block';
import { MAX_CLARIFICATION_HOPS, MAX_CLARIFICATIONS } from './limits';
import type { EngineAction } from './types';

/**
 * The agent asked a question. Bounded two ways: at most `max_requests` questions per block and run
 * (its objective), after which the block fails; and at most `max_hops` questions in a row without
 * an attempt finishing another way, after which the next question goes straight to the gate's
 * escalation ladder (a person above the asked team) instead of back to the team.
 */
export function askOrFail(block: Block, state: BlockState, question: string): EngineAction {
  const maxRequests = block.clarification?.max_requests ?? MAX_CLARIFICATIONS;
  if (state.clarifications >= maxRequests) {
    const times = `${maxRequests} time${maxRequests === 1 ? '' : 's'}`;
    return { type: 'fail-block', blockId: block.id, reason: `asked for clarification ${times} already; the last question was: ${question}` };
  }
  const maxHops = block.clarification?.max_hops ?? MAX_CLARIFICATION_HOPS;
  const escalate = (state.clarificationHops ?? 0) >= maxHops;
  return {
    type: 'open-gate',
    blockId: block.id,
    position: 'after',
    kind: 'clarification',
    attempt: state.attempts,
    mode: 'gate',
    question,
    ...(escalate ? { escalate: true } : {}),
  };
}
