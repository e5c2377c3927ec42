import { z } from 'zod';

/** Database ids: positive integers, written as strings. */
export const idSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, 'an id is a positive integer');

export const idParams = z.strictObject({ id: idSchema });

/** An opaque position in a list; pass back `next_cursor` to get the next page. */
export const cursorSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, 'a cursor is the next_cursor of the previous page').optional().meta({ description: 'next_cursor of the previous page' });

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Page size (1-200)' });

export const isoDate = z.iso.datetime({ offset: true });

/** A page of items and where the next one starts (null on the last page). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

export const actorRefSchema = z.object({ type: z.enum(['human', 'agent', 'system']), name: z.string(), platform: z.string() });
