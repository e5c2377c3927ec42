/** What every card builder takes besides its view: the clock and where the web pages live. */
export interface CardContext {
  /** The time the card is rendered for; every "due in" and "ago" is relative to it. */
  now: Date;
  /** Public base URL of the HTTP server ("https://factory.example.com"); no links without it. */
  publicBaseUrl?: string;
}

function joinUrl(base: string | undefined, segments: readonly string[]): string | undefined {
  if (!base) return undefined;
  const root = base.replace(/\/+$/, '');
  return `${root}/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

/** The run's page: `${publicBaseUrl}/runs/<runId>`, or undefined without a base URL. */
export function buildRunUrl(ctx: CardContext, runId: string): string | undefined {
  return joinUrl(ctx.publicBaseUrl, ['runs', runId]);
}

/** The list of runs: `${publicBaseUrl}/runs`. */
export function buildRunsUrl(ctx: CardContext): string | undefined {
  return joinUrl(ctx.publicBaseUrl, ['runs']);
}

/** The gate's page: `${publicBaseUrl}/runs/<runId>/gates/<gateId>`. */
export function buildGateUrl(ctx: CardContext, runId: string, gateId: string): string | undefined {
  return joinUrl(ctx.publicBaseUrl, ['runs', runId, 'gates', gateId]);
}

/** The full artifact: `${publicBaseUrl}/runs/<runId>/artifacts/<blockId>/<key>`. */
export function buildArtifactUrl(ctx: CardContext, runId: string, blockId: string, key: string): string | undefined {
  return joinUrl(ctx.publicBaseUrl, ['runs', runId, 'artifacts', blockId, key]);
}
