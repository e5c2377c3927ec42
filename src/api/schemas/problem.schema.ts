import { z } from 'zod';

/** RFC 9457 problem details, as every REST error is written. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URN naming the kind of problem, e.g. urn:process-factory:problem:missing_scope' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: 'A sentence for the caller' }),
    instance: z.string().optional(),
    code: z.string().meta({ description: 'The stable code of the problem' }),
    errors: z
      .array(z.object({ in: z.enum(['body', 'query', 'path', 'header']), path: z.string(), pointer: z.string(), detail: z.string() }))
      .optional()
      .meta({ description: 'Every field that failed validation' }),
  })
  .meta({ description: 'RFC 9457 problem details' });
