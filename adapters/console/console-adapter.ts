import { createInterface, type Interface } from 'node:readline';
import type { AdapterContext, AdapterFactory } from '../../src/app';
import type { Actor } from '../../src/domain/actor';
import type { Card } from '../../src/domain/card';
import type { ChatAdapter, ChatTarget, MessageRef } from '../../src/domain/chat-adapter';
import { ConsoleMessageIds } from './console-message-ids';
import { ConsoleScreen } from './console-screen';
import { ConsoleSession } from './console-session';
import { LineQueue } from './line-queue';
import { PromptLine } from './prompt-line';
import { wrapText } from './render-text-width';

/** The terminal the console chat runs on (injected: tests pass in-memory streams) and how it looks. */
export interface ConsoleAdapterOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Columns for cards; default: the terminal's width (at most 100), or 80 off a terminal. */
  width?: number;
  /** ANSI colours; default: when the output is a terminal that has them (honours NO_COLOR). */
  color?: boolean;
  /** The person's name in the audit log and on decided cards (default "you"). */
  userName?: string;
  /** Printed once above the first prompt. */
  banner?: string;
  /**
   * The person asked to leave: "exit", Ctrl-D (end of input) or Ctrl-C. The composition root stops
   * the app; the adapter never ends the process itself.
   */
  onExit?: (reason: 'exit' | 'end' | 'interrupt') => void;
}

interface TerminalLike {
  isTTY?: boolean;
  columns?: number;
  hasColors?: () => boolean;
}

/** Wide boxes read badly; a card is at most this many columns even in a wide terminal. */
const MAX_CARD_WIDTH = 100;

/**
 * The console chat adapter: the embedded default when no chat token is configured. The terminal is
 * the one channel ("console"): cards print as boxes with numbered buttons, and the person types
 * /factory commands or a button's number at a "factory> " prompt.
 */
export function consoleAdapterFactory(options: ConsoleAdapterOptions): AdapterFactory {
  return { platform: 'console', create: (ctx) => new ConsoleAdapter(options, ctx) };
}

class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  private readonly terminal: boolean;
  private readonly line: PromptLine;
  private readonly screen: ConsoleScreen;
  private lines = new LineQueue();
  private rl: Interface | undefined;
  private session: ConsoleSession | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private readonly ids: ConsoleMessageIds;
  private readonly width: () => number;

  constructor(
    private readonly options: ConsoleAdapterOptions,
    private readonly ctx: AdapterContext,
  ) {
    const out = options.output as NodeJS.WritableStream & TerminalLike;
    this.terminal = Boolean((options.input as NodeJS.ReadableStream & TerminalLike).isTTY && out.isTTY);
    const color = options.color ?? Boolean(out.isTTY && out.hasColors?.());
    const width = (): number => options.width ?? (out.isTTY && out.columns ? Math.min(out.columns, MAX_CARD_WIDTH) : 80);
    this.width = width;
    this.ids = new ConsoleMessageIds(ctx.now().getTime().toString(36));
    this.line = new PromptLine(options.output, this.terminal);
    this.screen = new ConsoleScreen(this.line, { width, color });
  }

  async start(): Promise<void> {
    if (this.rl) return;
    this.stopping = false;
    this.lines = new LineQueue();
    const rl = createInterface({ input: this.options.input, output: this.options.output, terminal: this.terminal, historySize: 200 });
    this.rl = rl;
    this.line.attach(rl);
    rl.on('line', (text) => {
      this.line.entered();
      this.lines.push(text);
    });
    rl.on('close', () => this.lines.close());
    // Ctrl-C: cancels a question being asked; at the prompt, leaves (readline swallows the signal in raw mode).
    rl.on('SIGINT', () => {
      if (this.session?.interrupt()) {
        this.line.entered();
        this.options.output.write('\n');
        return;
      }
      this.leave('interrupt');
    });
    if (this.options.banner) this.screen.print(wrapText(this.options.banner, this.width()).join('\n'));
    this.session = new ConsoleSession({
      dispatch: this.ctx.dispatch,
      actor: this.actor(),
      now: this.ctx.now,
      screen: this.screen,
      line: this.line,
      lines: this.lines,
      log: this.ctx.log,
    });
    const session = this.session;
    this.running = session.run().then((reason) => this.leave(reason));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const rl = this.rl;
    this.rl = undefined;
    this.line.attach(undefined);
    rl?.close();
    this.lines.close();
    await this.running;
  }

  async post(_target: ChatTarget, card: Card): Promise<MessageRef> {
    // The terminal has one channel and no threads: every target prints here.
    const ref = this.ids.next();
    this.screen.printPosted(card, this.ids.describe(ref));
    return ref;
  }

  async update(ref: MessageRef, card: Card): Promise<void> {
    this.screen.printUpdated(card, this.ids.describe(ref));
  }

  async dm(userId: string, card: Card): Promise<MessageRef> {
    const ref = this.ids.next();
    this.screen.printPosted(card, this.ids.describe(ref), `→ DM to ${userId}`);
    return ref;
  }

  /** No threads in a terminal: the outbox falls back to the channel for the run's thread posts. */
  async openThread(): Promise<string | null> {
    return null;
  }

  private leave(reason: 'exit' | 'end' | 'interrupt'): void {
    if (this.stopping) return;
    this.stopping = true;
    this.line.entered();
    // Ctrl-C leaves the cursor on the prompt line; the next output starts below it.
    if (reason === 'interrupt') this.options.output.write('\n');
    this.options.onExit?.(reason);
  }

  private actor(): Actor {
    return { type: 'human', platform: 'console', id: 'console', name: this.options.userName ?? 'you' };
  }
}
