import type { Template } from '../schema/template';
import type { Queryable } from './db-schema';
import { databaseOf } from './transaction';

/**
 * Template snapshots by run, per open database. A run's snapshot is written once, when the run
 * is created, and never changed, so the hot paths (every completion, every decision) read the run
 * row without its template column and take the parsed object from here. Keeping the same object
 * also keeps the engine's per-template index warm (indexTemplate memoizes by object). An entry
 * is used only for the run it was read for (id, template id and creation time all match), so a
 * database whose ids start over (a test reset) never gets another run's template.
 */
interface Entry {
  templateId: string;
  createdAt: number;
  template: Template;
}

/** Runs kept per database; the least recently used is dropped first. */
const MAX_RUNS = 2_000;
const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(db: Queryable): Map<string, Entry> | undefined {
  const database = databaseOf(db);
  if (!database) return undefined;
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = new Map()));
  return cache;
}

/** True when a later `cachedTemplate` for this run will answer, so its row can be read without the template. */
export function hasCachedTemplate(db: Queryable, runId: string): boolean {
  return cacheOf(db)?.has(runId) ?? false;
}

/** The cached snapshot of run `runId`, if it is the run described by the other arguments. */
export function cachedTemplate(db: Queryable, runId: string, templateId: string, createdAt: Date): Template | undefined {
  const cache = cacheOf(db);
  const entry = cache?.get(runId);
  if (!cache || !entry) return undefined;
  if (entry.templateId !== templateId || entry.createdAt !== createdAt.getTime()) {
    cache.delete(runId);
    return undefined;
  }
  cache.delete(runId);
  cache.set(runId, entry);
  return entry.template;
}

export function rememberTemplate(db: Queryable, runId: string, templateId: string, createdAt: Date, template: Template): void {
  const cache = cacheOf(db);
  if (!cache) return;
  cache.delete(runId);
  cache.set(runId, { templateId, createdAt: createdAt.getTime(), template });
  if (cache.size > MAX_RUNS) cache.delete(cache.keys().next().value!);
}
