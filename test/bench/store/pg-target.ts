// Where the store benchmarks connect. Benchmarks may only ever touch the local machine,
// so an override is accepted only if it still points at 127.0.0.1.

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The admin connection string (a database the bench may CREATE/DROP other databases from).
 * `PF_BENCH_PG_URL` overrides it, but only for another port/user on 127.0.0.1.
 */
export function adminUrl(): string {
  const url = process.env.PF_BENCH_PG_URL ?? DEFAULT_ADMIN_URL;
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1') throw new Error(`store bench: refusing to benchmark against ${host}; only 127.0.0.1 is allowed`);
  return url;
}

/** The same server as `adminUrl()`, but database `name`. */
export function urlForDatabase(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
