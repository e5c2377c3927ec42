import type { PathSegment, ReportIssue } from './issues';
import { arrayAt, blockLabel, isObject, readAt, type RawBlock } from './raw-template';
import { didYouMean } from './suggest';

/** The channel purposes every template has; the template's `channels` (or config) maps each to a channel. */
export const CHANNEL_PURPOSES = ['feed', 'tasks', 'alerts', 'deploys'] as const;

/**
 * A ladder step posts to a channel that exists: one of the purposes, a channel name the template's
 * `channels` maps a purpose to, or, when the caller knows the config, a name in its `channels`.
 * Without the config (`validate` with no config file) only the first two count, so a step naming
 * a config-only channel is refused there and accepted by the bot that reads that config.
 */
export function checkChannels(input: unknown, blocks: readonly RawBlock[], configChannels: readonly string[] | undefined, report: ReportIssue): void {
  const named = readAt(input, ['channels']);
  const aliases = isObject(named) ? Object.values(named).filter((v): v is string => typeof v === 'string') : [];
  const known = [...new Set<string>([...CHANNEL_PURPOSES, ...aliases, ...(configChannels ?? [])])];
  const check = (path: readonly PathSegment[], owner: string) => {
    arrayAt(input, path).forEach((step, k) => {
      if (!isObject(step) || typeof step.channel !== 'string' || step.channel === '' || known.includes(step.channel)) return;
      const source = configChannels === undefined ? 'the template names (no config was read)' : 'the template or the config names';
      const hint = didYouMean(step.channel, known) || ', or map it in the config\'s `channels` and validate with that config.';
      report(
        [...path, k, 'channel'],
        `A ladder step of ${owner} posts to channel "${step.channel}", which is not a channel ${source}; use one of ${known.map((c) => `"${c}"`).join(', ')}${hint}`,
      );
    });
  };
  check(['sla', 'steps'], 'the template');
  for (const block of blocks) {
    const steps = ['blocks', block.index, 'review', 'sla', 'steps'] as const;
    if (Array.isArray(readAt(input, steps))) check(steps, blockLabel(block, 'lower'));
  }
}
