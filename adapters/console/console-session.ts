import { randomBytes } from 'node:crypto';
import { handleAction, handleModalSubmit, modalForAction } from '../../commands/actions';
import { runCommandText, type CommandInvocation, type DispatchDeps } from '../../commands/dispatch';
import type { Actor } from '../../src/domain/actor';
import type { ModalRequest, Reply } from '../../src/domain/card';
import { askForm } from './ask-form';
import { CONSOLE_TIPS } from './console-help';
import type { ConsoleScreen } from './console-screen';
import type { LineQueue } from './line-queue';
import { parseConsoleLine, type ConsoleInput } from './parse-console-line';
import type { PromptLine } from './prompt-line';

/** The chat prompt; a form's questions replace it while they are asked. */
export const PROMPT = 'factory> ';

/** What the session needs: the commands to call, who is typing, and the terminal's pieces. */
export interface ConsoleSessionDeps {
  dispatch: DispatchDeps;
  actor: Actor;
  now: () => Date;
  screen: ConsoleScreen;
  line: PromptLine;
  lines: LineQueue;
  log: { error(obj: object, msg: string): void };
}

/**
 * The person's side of the console: reads typed lines one at a time and turns them into the same
 * calls Discord and Slack make (a command, a button, a submitted form), printing each reply.
 * One line is handled at a time, so replies come out in the order things were typed.
 */
export class ConsoleSession {
  private asking = false;

  constructor(private readonly deps: ConsoleSessionDeps) {}

  /** Ctrl-C: cancels the form being asked and returns true; false when there is none (the caller leaves). */
  interrupt(): boolean {
    return this.asking && this.deps.lines.interrupt();
  }

  /** Runs until "exit" or the end of input; resolves with why it ended. */
  async run(): Promise<'exit' | 'end'> {
    for (;;) {
      this.deps.line.prompt(PROMPT);
      const text = await this.deps.lines.next();
      if (text === null) return 'end';
      const input = parseConsoleLine(text);
      if (input.type === 'exit') return 'exit';
      try {
        await this.handle(input);
      } catch (error) {
        // The commands' own error path already catches; this is the last net for the console itself.
        const ref = randomBytes(4).toString('hex');
        this.deps.log.error({ err: error, ref }, 'console input failed');
        this.deps.screen.printReply({ type: 'text', ephemeral: true, text: `Something went wrong (ref ${ref}). It has been logged.` });
      }
    }
  }

  private async handle(input: Exclude<ConsoleInput, { type: 'exit' }>): Promise<void> {
    const { screen } = this.deps;
    switch (input.type) {
      case 'empty':
        return;
      case 'help':
        screen.print(CONSOLE_TIPS);
        return this.show(await runCommandText(this.deps.dispatch, this.invocation(), 'help'));
      case 'not-factory':
        return screen.printNote(`${input.word} is not a command here. Commands start with /factory (or leave it out): try "status" or "help".`);
      case 'command':
        return this.show(await runCommandText(this.deps.dispatch, this.invocation(), input.text));
      case 'action':
        return this.press(input.number);
    }
  }

  private async press(number: number): Promise<void> {
    const found = this.deps.screen.numbers.lookup(number);
    if (found.type === 'unknown') {
      return this.deps.screen.printNote(`There is no button [${number}]. Type the number printed before a button, e.g. 1 for [1].`);
    }
    if (found.type === 'retired') {
      const where = found.messageLabel ? ` of ${found.messageLabel.startsWith('#') ? `card ${found.messageLabel}` : found.messageLabel}` : '';
      return this.deps.screen.printNote(`[${number}] ${found.label} was on an older version${where}; use the numbers on its newest copy (marked ↻ updated).`);
    }
    const form = modalForAction(found.actionId);
    if (form) return this.fill(form);
    await this.show(await handleAction(this.deps.dispatch, this.invocation(), found.actionId));
  }

  /** Prints a reply; a reply that is a form is asked inline and submitted. */
  private async show(reply: Reply): Promise<void> {
    if (reply.type === 'modal') return this.fill(reply.modal);
    this.deps.screen.printReply(reply);
  }

  private async fill(modal: ModalRequest): Promise<void> {
    const { screen, line, lines } = this.deps;
    screen.printReply({ type: 'modal', modal });
    this.asking = true;
    const values = await askForm(modal, {
      print: (text) => screen.print(text),
      note: (text) => screen.printNote(text),
      ask: (question) => {
        line.prompt(question);
        return lines.next();
      },
    }).finally(() => {
      this.asking = false;
    });
    if (!values) return screen.printNote('Cancelled: nothing was sent.');
    screen.printReply(await handleModalSubmit(this.deps.dispatch, this.invocation(), modal.id, values));
  }

  private invocation(): CommandInvocation {
    return { actor: this.deps.actor, origin: { platform: 'console', channelId: 'console' }, now: this.deps.now() };
  }
}
