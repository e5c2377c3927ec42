/**
 * `npm run screenshots`: a clone-factory rehearsal on the whole bot (PGlite in memory), one gate approved and one rejected, then the run page, a diff and an
 * artifact photographed in Debian's chromium at desktop and phone widths, light and dark.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { migrateToLatest, openDatabase } from '../../src/store';
import { startWebApp, waitUntil } from '../support/web-app';

const OUT = new URL('../../docs/screenshots/', import.meta.url).pathname;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const database = await openDatabase({ memory: true });
await migrateToLatest(database.db);
const web = await startWebApp(database);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: FLAGS });
try {
  await web.command('run clone-factory simulate expert_name=Ada');
  const runId = (await web.app.service.listActiveRuns())[0]!.id;
  const gateOf = (blockId: string, attempt: number) => waitUntil(async () => (await web.app.service.getRun(runId)).pendingGates.find((g) => g.blockId === blockId && g.attempt === attempt), `${blockId} #${attempt}`, 60_000);
  await web.command(`approve ${(await gateOf('expert-framework-creator', 1)).id}`);
  await web.command(`reject ${(await gateOf('gap-analyzer', 1)).id} Cover the pricing gaps and the onboarding questions too`);
  await gateOf('gap-analyzer', 2);
  const token = web.app.links.sign({ kind: 'runs' });
  const runUrl = `${web.base}/runs/${runId}?t=${token}`;
  const shots: Array<{ name: string; url: string; width: number; height: number; dark?: boolean; full?: boolean }> = [
    { name: 'run-desktop', url: runUrl, width: 1280, height: 1000 },
    { name: 'run-desktop-dark', url: runUrl, width: 1280, height: 1000, dark: true },
    { name: 'run-phone', url: runUrl, width: 390, height: 844 },
    { name: 'run-phone-dark', url: `${runUrl}#dag`, width: 390, height: 844, dark: true },
    { name: 'diff-desktop', url: `${web.base}/runs/${runId}/blocks/gap-analyzer/diff?from=1&to=2&t=${token}`, width: 1280, height: 640 },
    { name: 'artifact-desktop', url: `${web.base}/runs/${runId}/artifacts/expert-framework-creator/expert-framework?t=${token}`, width: 1280, height: 640 },
    { name: 'runs-desktop', url: `${web.base}/runs?t=${token}`, width: 1280, height: 520 },
  ];
  for (const shot of shots) {
    const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height }, deviceScaleFactor: shot.width < 500 ? 2 : 1, colorScheme: shot.dark ? 'dark' : 'light' });
    const page = await context.newPage();
    await page.goto(shot.url);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(OUT, `${shot.name}.png`), fullPage: shot.full ?? false });
    await context.close();
    console.log(`wrote docs/screenshots/${shot.name}.png`);
  }
} finally {
  await browser.close();
  await web.stop();
}
