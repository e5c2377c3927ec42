/**
 * Inverse throughput per segment: splits the completions into `segments` runs of equal count and
 * returns, for each, milliseconds of wall time per completed operation. One number per segment
 * gives the harness's median and p10–p90 spread something real to show for a throughput.
 */
export function segmentCosts(windowStart: number, completedAt: readonly number[], segments: number): number[] {
  const perSegment = Math.floor(completedAt.length / segments);
  if (perSegment === 0) return [];
  const costs: number[] = [];
  let from = windowStart;
  for (let i = 1; i <= segments; i++) {
    const to = completedAt[i * perSegment - 1] as number;
    costs.push((to - from) / perSegment);
    from = to;
  }
  return costs;
}
