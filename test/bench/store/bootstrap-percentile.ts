import { percentile } from '../lib/bench';

/**
 * The `p`-th percentile of `samples`, `resamples` times over bootstrap resamples (sorted copies
 * drawn with replacement). A tail percentile from a few hundred samples is itself noisy; the
 * median and p10–p90 of these estimates say how much, where a bare number would not.
 */
export function bootstrapPercentile(samples: readonly number[], p: number, resamples = 300): number[] {
  if (samples.length === 0) return [];
  const estimates: number[] = [];
  const draw = new Array<number>(samples.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < samples.length; i++) draw[i] = samples[Math.floor(Math.random() * samples.length)] as number;
    draw.sort((a, b) => a - b);
    estimates.push(percentile(draw, p));
  }
  return estimates;
}
