/** Why the store could not open, with what the operator should do about it. */
export type DatabaseOpenErrorCode = 'bad-url' | 'unreachable' | 'auth' | 'no-database' | 'too-many-connections' | 'ssl' | 'data-dir' | 'migration' | 'unknown';

export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
  constructor(
    readonly code: DatabaseOpenErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** Turns a pg connection error into a sentence naming the server (never the password) and the fix. */
export function explainPostgresError(err: unknown, where: { host: string; database: string; user: string }): DatabaseOpenError {
  const e = err as { code?: string; message?: string };
  const message = e?.message ?? String(err);
  const at = `${where.host}/${where.database}`;
  if ((e?.code && UNREACHABLE.has(e.code)) || /timeout|terminated unexpectedly/i.test(message)) {
    return new DatabaseOpenError(
      'unreachable',
      `cannot reach PostgreSQL at ${where.host} (${e?.code ?? message}): is it running and is DATABASE_URL right? Unset DATABASE_URL to use embedded PGlite instead.`,
      { cause: err },
    );
  }
  if (e?.code === '28P01' || e?.code === '28000') {
    return new DatabaseOpenError('auth', `PostgreSQL at ${at} refused user "${where.user}" (${message}): check the user and password in DATABASE_URL.`, { cause: err });
  }
  if (e?.code === '3D000') {
    return new DatabaseOpenError(
      'no-database',
      `database "${where.database}" does not exist on ${where.host}: create it (createdb ${where.database}) or fix the database name in DATABASE_URL.`,
      { cause: err },
    );
  }
  if (e?.code === '53300') {
    return new DatabaseOpenError('too-many-connections', `PostgreSQL at ${at} has no free connections: raise max_connections or run fewer replicas.`, { cause: err });
  }
  if (/ssl/i.test(message)) {
    return new DatabaseOpenError('ssl', `SSL negotiation with PostgreSQL at ${at} failed (${message}): add or remove ?sslmode=require in DATABASE_URL to match the server.`, { cause: err });
  }
  return new DatabaseOpenError('unknown', `cannot open PostgreSQL at ${at}: ${message}`, { cause: err });
}

/** Where a connection string points, for messages; throws a DatabaseOpenError when it is not a URL. */
export function describeConnectionString(url: string): { host: string; database: string; user: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (err) {
    throw new DatabaseOpenError('bad-url', 'DATABASE_URL is not a valid connection string: write it as postgres://user:password@host:5432/database.', { cause: err });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseOpenError('bad-url', `DATABASE_URL must start with postgres:// (got ${parsed.protocol}//).`);
  }
  return {
    host: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres',
    user: decodeURIComponent(parsed.username) || 'postgres',
  };
}
