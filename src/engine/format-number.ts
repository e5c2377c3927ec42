/**
 * Formats a metric for a sentence next to a reference value: two decimals, more when two decimals
 * would make the value look equal to the reference ("0.85 is below 0.85" would read as a bug).
 */
export function formatMetric(value: number, reference?: number): string {
  if (Number.isInteger(value)) return String(value);
  for (let digits = 2; digits <= 6; digits++) {
    const text = value.toFixed(digits);
    if (reference === undefined || text !== reference.toFixed(digits)) return text;
  }
  return String(value);
}
