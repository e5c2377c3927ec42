/**
 * Runs a command in a real pseudo-terminal without native modules: util-linux `script` allocates
 * the pty (Debian and Ubuntu ship it in bsdutils, an essential package) and relays our keystrokes
 * to it and its output back. The output feeds a VirtualScreen, so tests assert what a person sees.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { VirtualScreen } from './console-screen';

/** Where and how to run the command; `env` is the whole environment (nothing is inherited). */
export interface PtyOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  cols?: number;
  rows?: number;
}

/** How the program ended. */
export interface PtyExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** True when util-linux `script` (the one with -q -f -e -c) is installed. */
export function hasUtilLinuxScript(): boolean {
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && /util-linux/.test(probe.stdout + probe.stderr);
}

/** One command in one pseudo-terminal, with its emulated screen. */
export class PtySession {
  readonly screen: VirtualScreen;
  readonly exited: Promise<PtyExit>;
  private readonly child: ChildProcessWithoutNullStreams;
  private exit: PtyExit | undefined;

  constructor(command: string, options: PtyOptions) {
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 40;
    this.screen = new VirtualScreen(cols, rows);
    // `script` copies no window size from a pipe; stty gives the pty the size the screen has.
    const shell = `stty cols ${cols} rows ${rows} && exec ${command}`;
    this.child = spawn('script', ['-qfec', shell, '/dev/null'], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.screen.write(chunk));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => this.screen.write(chunk));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** Keystrokes, as a terminal sends them: Enter is "\r", Ctrl-C is "\x03", Ctrl-D is "\x04". */
  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits until `match` finds something in the screen's history (or the visible rows); fails with the screen. */
  async waitFor(match: RegExp, what: string, timeoutMs: number, where: 'history' | 'visible' = 'history'): Promise<RegExpMatchArray> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.text(where).match(match);
      if (found) return found;
      if (this.hasExited) throw new Error(`the program exited (${JSON.stringify(this.exit)}) before ${what}. Screen:\n${this.dump()}`);
      if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}. Screen:\n${this.dump()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The screen's history, or its visible rows, as text without the blank rows under the last output. */
  text(where: 'history' | 'visible' = 'history'): string {
    return (where === 'history' ? this.screen.history() : this.screen.visible()).join('\n').trimEnd();
  }

  /** The visible screen as text, for failure messages. */
  dump(): string {
    return this.screen.visible().map((l) => `|${l}`).join('\n');
  }

  /** Ends the whole process group if it is still running (a failed test must not leak PGlite). */
  async kill(): Promise<void> {
    if (this.hasExited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
