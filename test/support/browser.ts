/**
 * A real headless browser for the web page tests: Debian's chromium driven by playwright-core
 * (no browser download). Without chromium the tests skip with a warning, except under
 * REQUIRE_TEST_DATABASE=1 (CI), where they fail.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe, it } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}

/** `describe` when chromium is installed; a skipped (or, in CI, failing) suite otherwise. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) return void describe(name, body);
  if (process.env.REQUIRE_TEST_DATABASE === '1') {
    describe(name, () => {
      it('needs chromium', () => {
        throw new Error(`REQUIRE_TEST_DATABASE=1 but ${CHROMIUM_PATH} is missing: apt-get install -y chromium (.ci/run does it).`);
      });
    });
    return;
  }
  console.warn(`[browser tests] ${CHROMIUM_PATH} not found: "${name}" is SKIPPED. Install it with apt-get install -y chromium.`);
  describe.skip(name, body);
}
