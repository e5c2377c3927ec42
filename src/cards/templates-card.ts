import type { Card, CardSection } from '../domain/card';
import type { TemplateParamView, TemplateSummaryView } from '../domain/views';
import { truncateText } from './text-format';

/** Templates listed on one card; the rest are counted in the footer. */
export const MAX_TEMPLATES_LISTED = 15;

/** "expert_name (required)", "brand_url = https://… (optional)". */
export function describeParam(p: TemplateParamView): string {
  if (p.required) return `\`${p.name}\` (required)`;
  const hasDefault = p.default !== undefined && p.default !== null;
  return hasDefault ? `\`${p.name}\` = ${truncateText(String(p.default), 40)}` : `\`${p.name}\` (optional)`;
}

function buildTemplateSection(t: TemplateSummaryView): CardSection {
  const counts = `${t.blockCount} block${t.blockCount === 1 ? '' : 's'}, ${t.gateCount} gate${t.gateCount === 1 ? '' : 's'}`;
  const lines = [t.description ? `${truncateText(t.description, 200)}\n${counts}` : counts];
  if (t.params.length > 0) lines.push(`Parameters: ${t.params.map(describeParam).join(', ')}`);
  const version = t.version !== undefined && t.version !== null ? ` v${t.version}` : '';
  return { title: `${t.name} (\`${t.id}\`${version})`, text: lines.join('\n') };
}

/** The templates one can start a run from, with what each needs. */
export function buildTemplatesCard(templates: readonly TemplateSummaryView[]): Card {
  const shown = templates.slice(0, MAX_TEMPLATES_LISTED);
  const hidden = templates.length - shown.length;
  return {
    kind: 'list',
    title: `Templates (${templates.length})`,
    summary: templates.length === 0 ? 'No templates' : templates.map((t) => t.id).join(', '),
    tone: 'neutral',
    ...(templates.length === 0 ? { description: 'No templates are loaded. Add a JSON file under templates/.' } : {}),
    sections: shown.map(buildTemplateSection),
    ...(hidden > 0 ? { footer: `+${hidden} more not shown` } : {}),
  };
}
