import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The page's one script and one stylesheet, read once at startup and served from memory. */
const FILES: Record<string, { type: string; body: string }> = {
  'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./static/app.js', import.meta.url), 'utf8') },
  'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./static/app.css', import.meta.url), 'utf8') },
};

/** Changes whenever an asset does, so pages can let browsers cache assets for long. */
export const ASSET_VERSION = createHash('sha256')
  .update(Object.values(FILES).map((f) => f.body).join('\0'))
  .digest('hex')
  .slice(0, 12);

export function findStaticAsset(name: string): { type: string; body: string } | undefined {
  return Object.hasOwn(FILES, name) ? FILES[name] : undefined;
}
