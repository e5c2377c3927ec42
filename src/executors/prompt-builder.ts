import type { ExecutorJob } from '../domain/executor';
import type { Block } from '../schema/block';
import { fitInputs } from './truncate-inputs';
import { SUBMIT_RESULT_TOOL } from './submit-result-tool';

export interface PromptLimits {
  /** Most characters of one upstream artifact. Default 60,000 (~15k tokens). */
  maxArtifactChars: number;
  /** Most characters of all upstream artifacts together. Default 240,000 (~60k tokens). */
  maxInputChars: number;
}

export const DEFAULT_PROMPT_LIMITS: PromptLimits = { maxArtifactChars: 60_000, maxInputChars: 240_000 };

export interface Prompt {
  /** Stable per block (role, rules, skill): kept apart so it can be cached. */
  system: string;
  /** Changes per run and attempt: parameters, inputs, feedback, what to return. */
  user: string;
}

/** Builds the prompt of one attempt from the block's skill text and the job. */
export function buildPrompt(job: ExecutorJob, skillText: string | null, limits: PromptLimits = DEFAULT_PROMPT_LIMITS): Prompt {
  return { system: systemPrompt(job.block, skillText), user: userPrompt(job, limits) };
}

function systemPrompt(block: Block, skillText: string | null): string {
  const where = [block.id, `type ${block.type}`, block.layer ? `layer ${block.layer}` : null].filter(Boolean).join(', ');
  return [
    `You are one step of a Process Factory pipeline: the block "${block.name}" (${where}).`,
    'Do the work the skill below describes, using the parameters and inputs you are given.',
    `Report your result only by calling the ${SUBMIT_RESULT_TOOL} tool, once:`,
    '- status COMPLETE: the work is done; put every declared artifact in `artifacts` under its key, as text in its format.',
    '- status NEEDS_CLARIFICATION: you cannot continue without an answer from a person; ask one clear question in `clarification_needed`.',
    '- status BLOCKED: something outside your control prevents the work; say what in `blockers`.',
    'List the assumptions you made in `assumptions_made` and what you checked in `verified_facts`; explain briefly in `reasoning`.',
    '',
    skillText?.trim()
      ? `<skill name="${block.skill}">\n${skillText.trim()}\n</skill>`
      : `This block has no skill file; work from its name${block.description ? ' and description' : ''}.`,
  ].join('\n');
}

function userPrompt(job: ExecutorJob, limits: PromptLimits): string {
  const { block } = job;
  const parts: string[] = [`# Task: ${block.name}`];
  if (block.description) parts.push(block.description);

  const params = Object.entries(job.params);
  parts.push('## Run parameters', params.length ? params.map(([k, v]) => `- ${k}: ${JSON.stringify(v)}`).join('\n') : '(none)');

  const inputs = Object.entries(job.inputs).map(([ref, a]) => ({
    ref,
    format: a.format,
    text: a.content ?? `(stored at ${a.location ?? 'an unknown location'}; not included here)`,
  }));
  if (inputs.length) {
    const fitted = fitInputs(inputs, limits.maxArtifactChars, limits.maxInputChars);
    parts.push(
      '## Inputs from upstream blocks',
      fitted.map((f, i) => `<artifact ref="${f.ref}" format="${inputs[i]!.format}">\n${f.text}\n</artifact>`).join('\n\n'),
    );
  }

  if (job.feedback?.trim()) parts.push(...feedbackSection(job, job.feedback.trim()));

  parts.push('## What to return', returnSpec(block));
  return parts.join('\n\n');
}

/** Feedback by what it is: a clarification's question and answer, a repair hint, or a reviewer's rework. */
function feedbackSection(job: ExecutorJob, feedback: string): string[] {
  if (job.feedbackKind === 'clarification') {
    return [
      `## The answer to your question (this is attempt ${job.attempt})`,
      ...(job.question?.trim() ? [`<question>\n${job.question.trim()}\n</question>`] : []),
      `<answer>\n${feedback}\n</answer>`,
      'Use this answer; do not ask the same question again.',
    ];
  }
  if (job.feedbackKind === 'repair') {
    const round = job.repair ? `repair round ${job.repair.round} of ${job.repair.maxRounds}` : 'a repair round';
    return [
      `## Repair: the previous attempt failed a check (this is attempt ${job.attempt}, ${round})`,
      `<check_failure>\n${feedback}\n</check_failure>`,
      'Fix exactly what failed; keep everything that already passed.',
    ];
  }
  return [
    `## Feedback on the previous attempt (this is attempt ${job.attempt})`,
    `<feedback>\n${feedback}\n</feedback>`,
    'Address every point of this feedback in this attempt.',
  ];
}

function returnSpec(block: Block): string {
  const lines: string[] = [];
  const { artifacts, metrics } = block.outputs;
  lines.push(
    artifacts.length
      ? `Artifacts (all required when COMPLETE):\n${artifacts.map((a) => `- "${a.key}" (${a.format})`).join('\n')}`
      : 'No artifacts are declared; report your findings in `reasoning`.',
  );
  const metricKeys = new Set(metrics.map((m) => m.key));
  if (block.threshold) metricKeys.add(block.threshold.metric);
  if (metricKeys.size) {
    const described = [...metricKeys].map((k) => {
      const type = metrics.find((m) => m.key === k)?.type ?? 'score';
      const bar = block.threshold?.metric === k ? `; must be at least ${block.threshold.min} to pass` : '';
      return `- "${k}" (${type}${type === 'score' || type === 'ratio' ? ', 0 to 1' : ''}${bar})`;
    });
    lines.push(`Metrics (numbers, in \`metrics\`):\n${described.join('\n')}`);
  }
  return lines.join('\n\n');
}
