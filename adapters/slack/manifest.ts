/**
 * Prints the Slack app manifest (JSON) for "Create app → From a manifest":
 *
 *   npm run slack:manifest                      Socket Mode when SLACK_APP_TOKEN is set or no PUBLIC_BASE_URL
 *   npm run slack:manifest -- --socket          Socket Mode
 *   npm run slack:manifest -- --http https://factory.example.com
 *   npm run slack:manifest -- --name "Acme Factory"
 */
import { pathToFileURL } from 'node:url';
import { COMMANDS } from '../../commands/index';
import { ConfigError, readEnv } from '../../src/config';
import { buildSlackManifest, type ManifestOptions } from './build-manifest';

/** Reads the command line; the environment only fills in what the flags leave open. */
export function manifestOptions(argv: readonly string[], env: { SLACK_APP_TOKEN?: string; PUBLIC_BASE_URL?: string }): ManifestOptions {
  const flag = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const name = flag('--name');
  if (argv.includes('--socket')) return { socketMode: true, name };
  const http = argv.includes('--http') ? (flag('--http') ?? '') : undefined;
  if (http !== undefined) return { socketMode: false, publicBaseUrl: http, name };
  if (env.SLACK_APP_TOKEN || !env.PUBLIC_BASE_URL) return { socketMode: true, name };
  return { socketMode: false, publicBaseUrl: env.PUBLIC_BASE_URL, name };
}

function main(): void {
  try {
    const manifest = buildSlackManifest(COMMANDS, manifestOptions(process.argv.slice(2), readEnv()));
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `Cannot build the manifest: ${(error as Error).message}`}\n`);
    process.exitCode = 1;
  }
}

// Runs as a script (npm run slack:manifest); importing it (tests) prints nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
