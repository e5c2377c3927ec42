/**
 * `record[key]` for an object read from JSON, counting its own keys only: `{}`["constructor"] is
 * Object, not undefined, so a lookup by a block id, parameter or channel name must not inherit.
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | Partial<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
