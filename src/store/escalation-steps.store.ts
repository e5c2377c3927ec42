import type { Selectable } from 'kysely';
import type { EscalationStepsTable, Queryable } from './db-schema';

export interface EscalationStepRecord {
  id: string;
  gateId: string;
  /** "gate:step:repeat", e.g. "17:3:0". */
  stepKey: string;
  level: number;
  action: string;
  dueAt: Date;
  firedAt: Date;
}

/** The one place an escalation_steps row becomes an EscalationStepRecord. */
export function toEscalationStepRecord(row: Selectable<EscalationStepsTable>): EscalationStepRecord {
  return { id: row.id, gateId: row.gate_id, stepKey: row.step_key, level: row.level, action: row.action, dueAt: row.due_at, firedAt: row.fired_at };
}

/**
 * Records that a ladder step fires. True only for the caller that inserted it: whoever gets true
 * sends the reminder; everyone else (a second replica, a re-run sweep) sends nothing.
 */
export async function insertEscalationStep(
  db: Queryable,
  step: { gateId: string; stepKey: string; level: number; action: string; dueAt: Date; now: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('escalation_steps')
    .values({ gate_id: step.gateId, step_key: step.stepKey, level: step.level, action: step.action, due_at: step.dueAt, fired_at: step.now })
    .onConflict((oc) => oc.column('step_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The steps fired for a gate, in order. */
export async function listEscalationSteps(db: Queryable, gateId: string): Promise<EscalationStepRecord[]> {
  const rows = await db.selectFrom('escalation_steps').selectAll().where('gate_id', '=', gateId).orderBy('id').execute();
  return rows.map(toEscalationStepRecord);
}
