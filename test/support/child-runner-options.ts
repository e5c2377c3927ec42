import { z } from 'zod';

/** What a child runner is told on its command line (one JSON argument). */
export const childRunnerOptionsSchema = z.strictObject({
  /** The PostgreSQL database to work on; it must be migrated already. */
  connectionString: z.string().startsWith('postgres'),
  /** The lease owner, also the block_attempts.worker of everything this child runs. */
  owner: z.string().min(1),
  concurrency: z.number().int().min(1).default(4),
  /** Short leases let a second process recover a killed child's blocks quickly. */
  leaseMs: z.number().int().min(100).default(1_500),
  pollMs: z.number().int().min(10).default(100),
  /** Multiplies the simulate durations of the template (0: no waiting). */
  timeScale: z.number().min(0).default(0),
  /** Start warm but idle: claim nothing until told `start` on stdin (a standby taking over after a crash). */
  standby: z.boolean().default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
});

export type ChildRunnerOptions = z.input<typeof childRunnerOptionsSchema>;

/** Parses the child's JSON argument; a mistake in a test fails the child at once with the reason. */
export function parseChildRunnerOptions(json: string | undefined): z.output<typeof childRunnerOptionsSchema> {
  if (!json) throw new Error('child-runner needs one argument: its options as JSON');
  return childRunnerOptionsSchema.parse(JSON.parse(json));
}
