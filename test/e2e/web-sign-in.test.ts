/**
 * The run pages for people and programs without a card link: sign in with an API token (the
 * form, in a real browser when chromium is here) or send it as `Authorization: Bearer`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/api/auth';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { describeWithBrowser, launchBrowser } from '../support/browser';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../support/databases';
import { startWebApp, type WebApp } from '../support/web-app';

let database: TestDatabaseHandle;
let web: WebApp;
let runId: string;
let reader: string;
let auditor: string;

const form = (token: string) => ({ method: 'POST', redirect: 'manual' as const, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });

beforeAll(async () => {
  database = await testDatabases({ only: 'pglite' })[0]!.open();
  web = await startWebApp(database);
  await web.command('run demo simulate');
  runId = (await web.app.service.listActiveRuns())[0]!.id;
  const now = new Date();
  reader = (await issueApiToken(database, { name: 'dashboard', role: 'viewer', scopes: ['runs:read'], actor: SYSTEM_ACTOR }, now)).secret;
  auditor = (await issueApiToken(database, { name: 'auditor', role: 'viewer', scopes: ['audit:read'], actor: SYSTEM_ACTOR }, now)).secret;
}, OPEN_TIMEOUT_MS);

afterAll(async () => {
  await web?.stop();
  await database?.close();
});

describe('signing in to the run pages with an API token', () => {
  it('GIVEN no link and no token THEN the runs list is refused and says how to sign in', async () => {
    const res = await fetch(`${web.base}/runs`);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('/sign-in');
  });

  it('GIVEN a runs:read token posted to the form THEN it is sent on to the runs list with a link that opens it', async () => {
    const res = await fetch(`${web.base}/sign-in`, form(reader));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/runs\?t=/);
    const list = await fetch(`${web.base}${location}`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(`/runs/${runId}`);
  });

  it('GIVEN an unknown token or one without runs:read THEN sign-in is refused and no link is given', async () => {
    const unknown = await fetch(`${web.base}/sign-in`, form('pf_not_a_real_token'));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('location')).toBeNull();
    const noScope = await fetch(`${web.base}/sign-in`, form(auditor));
    expect(noScope.status).toBe(403);
    expect(await noScope.text()).toContain('runs:read');
    expect(noScope.headers.get('location')).toBeNull();
  });

  it('GIVEN a bearer token THEN a program reads a run page and its live state without a link; a bad bearer is refused', async () => {
    const state = await fetch(`${web.base}/runs/${runId}/state.json`, { headers: { authorization: `Bearer ${reader}` } });
    expect(state.status).toBe(200);
    const body = (await state.json()) as Record<string, unknown>;
    expect(JSON.stringify(body)).toContain('brief');
    const page = await fetch(`${web.base}/runs/${runId}`, { headers: { authorization: `Bearer ${reader}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`/runs/${runId}/state.json?t=`);
    const bad = await fetch(`${web.base}/runs/${runId}`, { headers: { authorization: 'Bearer pf_nope' } });
    expect(bad.status).toBe(401);
  });
});

describeWithBrowser('the sign-in form in a browser', () => {
  it('GIVEN the form filled with a runs:read token THEN the browser lands on the runs list showing the run', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${web.base}/sign-in`);
      await page.fill('#token', reader);
      await Promise.all([page.waitForURL(/\/runs\?t=/), page.click('button[type=submit]')]);
      expect(await page.locator(`a[href*="/runs/${runId}"]`).count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
