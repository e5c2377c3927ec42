/**
 * Fits an embed's text into Discord's limits: each part to its own maximum, the description
 * pieces together into 4096, then everything into the 6000-character total by cutting the
 * longest parts first. Every cut is visible ("…", plus the link to the full text when known).
 */
import { MAX_EMBED_DESCRIPTION, MAX_EMBED_TITLE, MAX_EMBED_TOTAL, MAX_FIELD_NAME, MAX_FIELD_VALUE, MAX_FOOTER_TEXT } from './limits';
import { fitPart, partLength, waterFillCap, type TextPart } from './truncate-text';

/** The embed's text before fitting. */
export interface EmbedText {
  title: TextPart;
  /** Joined with DESCRIPTION_SEPARATOR into the description. */
  description: TextPart[];
  fields: Array<{ name: TextPart; value: TextPart; inline: boolean }>;
  footer?: TextPart;
}

export const DESCRIPTION_SEPARATOR = '\n\n';

function separatorsLength(text: EmbedText): number {
  return Math.max(0, text.description.length - 1) * DESCRIPTION_SEPARATOR.length;
}

/**
 * Applies the per-part limits, the description limit and the 6000 total. The caps are worked out
 * on lengths first and each part is cut once from its original text, so a part is never cut
 * twice (which could leave half of an earlier "full text" marker inside it).
 */
export function fitEmbedText(input: EmbedText): EmbedText {
  const separators = separatorsLength(input);
  const capped = (part: TextPart, limit: number) => Math.min(partLength(part), limit);
  const descriptionCap = waterFillCap(input.description.map(partLength), MAX_EMBED_DESCRIPTION - separators);
  const lengths = [
    capped(input.title, MAX_EMBED_TITLE),
    ...input.description.map((p) => capped(p, descriptionCap)),
    ...input.fields.flatMap((f) => [capped(f.name, MAX_FIELD_NAME), capped(f.value, MAX_FIELD_VALUE)]),
    ...(input.footer ? [capped(input.footer, MAX_FOOTER_TEXT)] : []),
  ];
  // Separators are a fixed cost; the parts share what is left of the 6000.
  const totalCap = waterFillCap(lengths, MAX_EMBED_TOTAL - separators);
  const fit = (part: TextPart, limit: number) => fitPart(part, Math.min(limit, totalCap));
  return {
    title: fit(input.title, MAX_EMBED_TITLE),
    description: input.description.map((p) => fit(p, descriptionCap)),
    fields: input.fields.map((f) => ({ name: fit(f.name, MAX_FIELD_NAME), value: fit(f.value, MAX_FIELD_VALUE), inline: f.inline })),
    ...(input.footer ? { footer: fit(input.footer, MAX_FOOTER_TEXT) } : {}),
  };
}
