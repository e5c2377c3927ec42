import { createRequire } from 'node:module';

/** The installed peer's version, read from its package.json, for the table. */
export const GRAPHILE_VERSION: string = (createRequire(import.meta.url)('graphile-worker/package.json') as { version: string }).version;
