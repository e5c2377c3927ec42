import type { HttpRequest, HttpResponse, HttpServer } from '../http/server';
import type { Logger } from '../log';
import type { RunStatus } from '../domain/statuses';
import { listRunRows, loadArtifact, loadRunDetails } from '../runner/run-details';
import type { Database } from '../store';
import { renderArtifactPage } from './artifact-page';
import { renderDiffPage } from './diff-page';
import { linkForBearer, signIn, signInPage } from './sign-in';
import { checkAccess, problem } from './web-access';
import type { WebLinks } from './web-links';
import { renderRunPage } from './run-page';
import { buildRunState } from './run-state';
import { RUN_STATUSES, renderRunsListPage } from './runs-list-page';
import { DOWNLOAD_HEADERS, PAGE_HEADERS, SANDBOX_HEADERS } from './security-headers';
import { findStaticAsset } from './static-assets';
import { WebPaths } from './web-paths';

export interface WebDeps {
  database: Database;
  links: WebLinks;
  templates: () => Array<{ id: string; name: string }>;
  now: () => Date;
  log: Logger;
  discordGuildId?: string;
}

const RUN_ID = /^[0-9]{1,19}$/;
/** Block ids and artifact keys: no slashes, no "..", nothing a path could be built from. */
const NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ATTEMPT = /^[0-9]{1,6}$/;

const htmlPage = (body: string): HttpResponse => ({ status: 200, headers: { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' }, body });
const notFound = () => problem(404, 'Not found', 'There is nothing here. Check the link, or open the run from its card in chat.');

function decodeSegments(path: string): string[] | null {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

function attemptOf(req: HttpRequest, name = 'attempt'): number | undefined | null {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  return ATTEMPT.test(raw) ? Number(raw) : null;
}

/** The read-only web pages: runs list, run page and its live state, artifacts, diffs, static assets. */
export function registerWebRoutes(http: HttpServer, deps: WebDeps): void {
  http
    .route('GET', '/', () => ({ status: 302, headers: { ...PAGE_HEADERS, location: '/runs' }, body: '' }))
    .route('GET', '/sign-in', () => signInPage())
    .route('POST', '/sign-in', (req) => signIn(deps, req))
    .route('GET', '/runs', (req) => runsList(deps, req))
    .route('GET', '/runs/*', (req) => runRoutes(deps, req))
    .route('GET', '/web/static/*', (req) => {
      const asset = findStaticAsset(req.path.slice('/web/static/'.length));
      if (!asset) return notFound();
      return { status: 200, headers: { 'content-type': asset.type, 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=86400' }, body: asset.body };
    });
}

/** The link token of a request: its `t=`, else one minted for a valid `Authorization: Bearer` API token. */
async function tokenOf(deps: WebDeps, req: HttpRequest): Promise<{ token: string | null } | { response: HttpResponse }> {
  const t = req.query.get('t');
  if (t !== null) return { token: t };
  const bearer = await linkForBearer(deps, req.headers.authorization);
  if (bearer.kind === 'refused') return { response: bearer.response };
  return { token: bearer.kind === 'signed' ? bearer.token : null };
}

async function runsList(deps: WebDeps, req: HttpRequest): Promise<HttpResponse> {
  const resolved = await tokenOf(deps, req);
  if ('response' in resolved) return resolved.response;
  const { token } = resolved;
  const access = checkAccess(deps.links, token, 'runs');
  if (!access.ok) return access.response;
  const status = req.query.get('status') || undefined;
  const template = req.query.get('template') || undefined;
  if (status && !RUN_STATUSES.includes(status as RunStatus)) return problem(400, 'Unknown status', `Choose one of ${RUN_STATUSES.join(', ')}.`);
  if (template && !NAME.test(template)) return problem(400, 'Unknown template', 'Choose a template from the list.');
  const rows = await listRunRows(deps.database.db, { templateId: template, status: status as RunStatus | undefined, limit: 100 });
  return htmlPage(renderRunsListPage(rows, { now: deps.now(), paths: new WebPaths(token!), templates: deps.templates(), filter: { template, status }, token: token! }));
}

async function runRoutes(deps: WebDeps, req: HttpRequest): Promise<HttpResponse> {
  const segments = decodeSegments(req.path);
  if (!segments) return problem(400, 'Bad address', 'The address is not well formed.');
  const [, runId, section, ...rest] = segments as [string, string, string | undefined, ...string[]];
  const resolved = await tokenOf(deps, req);
  if ('response' in resolved) return resolved.response;
  const { token } = resolved;
  const access = checkAccess(deps.links, token, { runId });
  if (!access.ok) return access.response;
  if (!RUN_ID.test(runId)) return notFound();
  const paths = new WebPaths(token!);
  const db = deps.database.db;
  if (section === 'gates' && rest.length === 1 && RUN_ID.test(rest[0]!)) {
    return { status: 302, headers: { ...PAGE_HEADERS, location: `${paths.run(runId)}#gate-${rest[0]}` }, body: '' };
  }
  if (section !== undefined && section !== 'state.json' && section !== 'artifacts' && section !== 'blocks') return notFound();
  if (rest.some((s) => !NAME.test(s))) return problem(400, 'Bad name', 'Block and artifact names are letters, digits, dots, dashes and underscores.');
  const details = await loadRunDetails(db, runId);
  if (!details) return notFound();
  const now = deps.now();
  if (section === undefined) {
    return htmlPage(renderRunPage(details, { now, paths, canListRuns: access.scope.kind === 'runs', discordGuildId: deps.discordGuildId }));
  }
  if (section === 'state.json') return { status: 200, headers: { ...PAGE_HEADERS }, body: buildRunState(details, now) };
  const [blockId, key, view] = rest;
  const block = details.blocks.find((b) => b.id === blockId);
  if (!block) return notFound();
  if (section === 'blocks') {
    if (key !== 'diff' || view !== undefined) return notFound();
    const from = attemptOf(req, 'from');
    const to = attemptOf(req, 'to');
    if (!from || !to) return problem(400, 'Which attempts?', 'Give ?from=<attempt>&to=<attempt>.');
    const keys = [...new Set(block.artifacts.filter((a) => a.attempt === from || a.attempt === to).map((a) => a.key))];
    const pairs = await Promise.all(
      keys.map(async (k) => {
        const [before, after] = await Promise.all([loadArtifact(db, runId, block.id, k, from), loadArtifact(db, runId, block.id, k, to)]);
        return { key: k, format: (after ?? before)!.format, before, after };
      }),
    );
    return htmlPage(renderDiffPage({ runId, runName: details.run.name, block, gates: details.gates, from, to, pairs }, paths));
  }
  if (!key || (view !== undefined && view !== 'raw' && view !== 'frame')) return notFound();
  const attempt = attemptOf(req);
  if (attempt === null) return problem(400, 'Bad attempt', 'The attempt is a number.');
  const artifact = await loadArtifact(db, runId, block.id, key, attempt);
  if (!artifact) return notFound();
  if (view === 'raw') {
    const type = artifact.format === 'json' ? 'application/json' : 'text/plain; charset=utf-8';
    const name = `${artifact.blockId}-${artifact.key}-attempt${artifact.attempt}.${artifact.format}`.replace(/[^A-Za-z0-9_.-]/g, '_');
    return {
      status: 200,
      headers: { ...DOWNLOAD_HEADERS, 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, ...(artifact.checksum ? { 'x-content-sha256': artifact.checksum } : {}) },
      body: artifact.content ?? artifact.location ?? '',
    };
  }
  if (view === 'frame') {
    if (artifact.format !== 'html') return notFound();
    return { status: 200, headers: { ...SANDBOX_HEADERS, 'content-type': 'text/html; charset=utf-8' }, body: artifact.content ?? '' };
  }
  return htmlPage(renderArtifactPage(artifact, block.artifacts, details.run.name, paths));
}
