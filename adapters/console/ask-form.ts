import { validateModal } from '../../commands/actions';
import type { ModalRequest } from '../../src/domain/card';

/** How a form talks to the person: print a line, ask a question and read the answer. */
export interface FormIo {
  print(text: string): void;
  note(text: string): void;
  /** Shows `question` as the prompt and resolves with the typed line ('' on Ctrl-C), or null at end of input. */
  ask(question: string): Promise<string | null>;
}

/** "Reason (required): ". */
export function formatQuestion(field: ModalRequest['fields'][number]): string {
  return `${field.label} (${field.required ? 'required' : 'optional'}): `;
}

/**
 * Fills a form (the reason for a rejection) inline, one question per field: the terminal's
 * version of the modal Discord and Slack open. An empty answer to a required field, Ctrl-C or the
 * end of input cancels (null): nothing is sent. A value the form would refuse is asked again.
 */
export async function askForm(modal: ModalRequest, io: FormIo): Promise<Record<string, string> | null> {
  io.note('Empty line or Ctrl-C cancels.');
  const values: Record<string, string> = {};
  for (const field of modal.fields) {
    for (;;) {
      const answer = await io.ask(formatQuestion(field));
      if (answer === null) return null;
      const value = answer.trim();
      if (value === '' && field.required) return null;
      if (value.length > field.maxLength) {
        io.print(`At most ${field.maxLength} characters, please (that was ${value.length}).`);
        continue;
      }
      // validateModal knows the rules the platforms' forms check before they close.
      const problem = validateModal({ ...values, [field.id]: value })?.[field.id];
      if (problem && value !== '') {
        io.print(problem);
        continue;
      }
      values[field.id] = value;
      break;
    }
  }
  return values;
}
