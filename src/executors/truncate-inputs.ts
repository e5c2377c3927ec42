/** One upstream artifact as it will appear in a prompt. */
export interface PromptInput {
  ref: string;
  text: string;
}

export interface FittedInput extends PromptInput {
  /** Characters of the original text, for the marker. */
  originalLength: number;
  truncated: boolean;
}

/** The marker a reader (model or person) sees where text was cut. */
export function truncationMarker(kept: number, total: number): string {
  return `\n[… truncated by Process Factory: showing the first ${kept.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} characters …]`;
}

/**
 * Fits inputs into a prompt budget: each gets at most `perInput` characters and all together at
 * most `total`. Small inputs are served first so they stay whole; the large ones share what is
 * left equally. Order is preserved. Cut text gets a visible marker, so the model knows.
 */
export function fitInputs(inputs: PromptInput[], perInput: number, total: number): FittedInput[] {
  const allowance = new Array<number>(inputs.length);
  const bySize = inputs.map((input, i) => ({ i, len: input.text.length })).sort((a, b) => a.len - b.len);
  let remaining = total;
  bySize.forEach(({ i, len }, n) => {
    const fairShare = Math.floor(remaining / (bySize.length - n));
    allowance[i] = Math.min(len, perInput, fairShare);
    remaining -= allowance[i]!;
  });
  return inputs.map((input, i) => {
    const keep = allowance[i]!;
    const truncated = keep < input.text.length;
    const text = truncated ? input.text.slice(0, keep) + truncationMarker(keep, input.text.length) : input.text;
    return { ref: input.ref, text, originalLength: input.text.length, truncated };
  });
}
