import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShellExecutor, type ShellExecutorOptions } from '../../../src/executors/shell.executor';
import type { BlockInput } from '../../../src/schema/block';
import { makeBlock, makeCtx, makeJob, rejectionOf } from '../../unit/executors/fixtures';
import { isGone, waitForFile } from './process-probe';

let workRoot: string; // parent of the executor's per-attempt temp dirs
let probeDir: string; // where commands leave pids for the test (outside the cleaned temp dir)

beforeEach(async () => {
  workRoot = await mkdtemp(join(tmpdir(), 'shell-exec-work-'));
  probeDir = await mkdtemp(join(tmpdir(), 'shell-exec-probe-'));
});

afterEach(async () => {
  // Every attempt removes its temp dir, whatever happened.
  expect(await readdir(workRoot)).toEqual([]);
  await rm(workRoot, { recursive: true, force: true });
  await rm(probeDir, { recursive: true, force: true });
});

function shell(extra: ShellExecutorOptions = {}) {
  return new ShellExecutor({ tmpDir: workRoot, path: `${dirname(process.execPath)}:/usr/bin:/bin`, env: { PROBE_DIR: probeDir }, ...extra });
}

function shellBlock(command: string, fields: Partial<BlockInput> = {}) {
  return makeBlock({ runtime: 'shell', command, ...fields, inputs: { env: ['PROBE_DIR'], ...fields.inputs } });
}

/** Starts a background `sleep 30` and records its pid in $PROBE_DIR/pid (written atomically). */
const SPAWN_GRANDCHILD = 'sleep 30 & echo $! > "$PROBE_DIR/pid.tmp" && mv "$PROBE_DIR/pid.tmp" "$PROBE_DIR/pid"';

describe('ShellExecutor', () => {
  it('GIVEN params, inputs, feedback and a declared env var THEN the command sees exactly those, and nothing of the bot env', async () => {
    process.env.FACTORY_TEST_LEAK = 'must-not-leak';
    const dump = `node -e '
      const fs = require("fs");
      const env = process.env;
      fs.writeFileSync(env.FACTORY_OUTPUT_DIR + "/env.json", JSON.stringify({
        env, cwd: process.cwd(), input: fs.readFileSync(env.FACTORY_INPUT_DEEP_RESEARCH_INTEL_REPORT, "utf8"),
        inputFiles: fs.readdirSync(env.FACTORY_INPUT_DIR) }));'`;
    const block = shellBlock(dump, {
      inputs: { env: ['API_TOKEN'] },
      outputs: { artifacts: [{ key: 'dump', format: 'json', path: 'env.json' }] },
    });
    const job = makeJob(block, {
      runId: 'run-7',
      attempt: 2,
      feedback: 'add sources',
      params: { expert_name: 'Ada Lovelace', 'max-depth': 3 },
      inputs: { 'deep-research.intel-report': { key: 'intel-report', format: 'md', content: '# Intel\nfacts' } },
    });
    const { result, artifacts } = await shell({ env: { API_TOKEN: 'tok-123', OTHER: 'nope' } }).execute(job, makeCtx());
    delete process.env.FACTORY_TEST_LEAK;

    expect(result.status).toBe('COMPLETE');
    const seen = JSON.parse(artifacts[0]!.content!);
    const env = seen.env as Record<string, string>;
    expect(env).toMatchObject({
      FACTORY_RUN_ID: 'run-7',
      FACTORY_BLOCK_ID: 'demo-block',
      FACTORY_ATTEMPT: '2',
      FACTORY_FEEDBACK: 'add sources',
      FACTORY_PARAM_EXPERT_NAME: 'Ada Lovelace',
      FACTORY_PARAM_MAX_DEPTH: '3',
      API_TOKEN: 'tok-123',
    });
    expect(env.FACTORY_INPUT_DEEP_RESEARCH_INTEL_REPORT).toBe(join(env.FACTORY_INPUT_DIR!, 'deep-research.intel-report.md'));
    expect(seen.input).toBe('# Intel\nfacts');
    expect(seen.inputFiles).toEqual(['deep-research.intel-report.md']);
    expect(seen.cwd).toBe(env.HOME);
    const shellAdded = new Set(['PWD', 'SHLVL', '_', 'OLDPWD']);
    const unexpected = Object.keys(env).filter((k) => !k.startsWith('FACTORY_') && !shellAdded.has(k) && !['PATH', 'HOME', 'TMPDIR', 'API_TOKEN'].includes(k));
    expect(unexpected).toEqual([]);
  });

  it('GIVEN a JSON result on the last stdout line THEN its status and fields pass through', async () => {
    const block = shellBlock(`echo "checking access"; echo '{"status":"BLOCKED","blockers":["no access to the CRM"],"reasoning":"401 from CRM"}'`);
    const { result } = await shell().execute(makeJob(block), makeCtx());
    expect(result).toMatchObject({ status: 'BLOCKED', blockers: ['no access to the CRM'], reasoning: '401 from CRM' });
  });

  it('GIVEN JSON log lines without a status THEN they are plain output, not a broken result', async () => {
    const { result } = await shell().execute(makeJob(shellBlock(`echo '{"level":"info","msg":"ok"}'`)), makeCtx());
    expect(result.status).toBe('COMPLETE');
    expect(result.reasoning).toContain('"level":"info"');
  });

  it('GIVEN result.json and artifact files at declared paths THEN both are read', async () => {
    const command = [
      'printf "# Report\\n" > "$FACTORY_OUTPUT_DIR/report.md"',
      'mkdir -p "$FACTORY_OUTPUT_DIR/out/raw" && printf \'{"n":1}\' > "$FACTORY_OUTPUT_DIR/out/data.json"',
      'touch "$FACTORY_OUTPUT_DIR/out/raw/a.md" "$FACTORY_OUTPUT_DIR/out/raw/b.md"',
      'printf \'{"status":"COMPLETE","metrics":{"score":0.93},"artifacts":{"note":"inline"}}\' > "$FACTORY_OUTPUT_DIR/result.json"',
      'echo "this line is not the result"',
    ].join('; ');
    const block = shellBlock(command, {
      outputs: {
        artifacts: [
          { key: 'report', format: 'md' },
          { key: 'data', format: 'json', path: 'out/data.json' },
          { key: 'raw', format: 'dir', path: 'out/raw' },
          { key: 'note', format: 'txt' },
        ],
      },
    });
    const { result, artifacts } = await shell().execute(makeJob(block), makeCtx());
    expect(result.metrics).toEqual({ score: 0.93 });
    expect(Object.fromEntries(artifacts.map((a) => [a.key, a.content]))).toEqual({ report: '# Report\n', data: '{"n":1}', raw: 'a.md\nb.md', note: 'inline' });
  });

  it('GIVEN plain output and exit 0 THEN COMPLETE with the stdout tail as reasoning', async () => {
    const { result, artifacts } = await shell().execute(makeJob(shellBlock('echo one; echo; echo two')), makeCtx());
    expect(result).toMatchObject({ status: 'COMPLETE', reasoning: 'one\n\ntwo' });
    expect(artifacts).toEqual([]);
  });

  it('GIVEN COMPLETE without a declared artifact THEN a non-retryable error names it', async () => {
    const block = shellBlock('echo done', { outputs: { artifacts: [{ key: 'report', format: 'md' }] } });
    const err = await rejectionOf(shell().execute(makeJob(block), makeCtx()));
    expect(err).toMatchObject({ code: 'missing_artifacts', retryable: false });
    expect(err.message).toContain('"report"');
  });

  it('GIVEN a non-zero exit THEN a retryable error carries the last 4 KB of stderr', async () => {
    const block = shellBlock(`head -c 10000 /dev/zero | tr '\\0' e >&2; echo; echo "fatal: disk full" >&2; exit 3`);
    const err = await rejectionOf(shell().execute(makeJob(block), makeCtx()));
    expect(err).toMatchObject({ code: 'command_failed', retryable: true });
    expect(err.message).toContain('exited with code 3');
    expect(err.message).toContain('fatal: disk full');
    expect(err.message).toContain('earlier bytes omitted');
    expect(err.message.length).toBeLessThan(4_300);
  });

  it('GIVEN a result line with an unknown status THEN an invalid_result error names the field', async () => {
    const err = await rejectionOf(shell().execute(makeJob(shellBlock(`echo '{"status":"DONE"}'`)), makeCtx()));
    expect(err).toMatchObject({ code: 'invalid_result', retryable: false });
    expect(err.message).toContain('status');
  });

  it('GIVEN an artifact path that leaves the output dir THEN it is refused', async () => {
    const block = shellBlock('echo hi', { outputs: { artifacts: [{ key: 'x', format: 'txt', path: '../../../etc/passwd' }] } });
    expect(await rejectionOf(shell().execute(makeJob(block), makeCtx()))).toMatchObject({ code: 'invalid_artifact' });
  });

  it('GIVEN a declared env var the executor was not given THEN not_configured, and nothing runs', async () => {
    const block = shellBlock(`touch "$PROBE_DIR/ran"`, { inputs: { env: ['PROBE_DIR', 'MISSING_TOKEN'] } });
    const err = await rejectionOf(shell().execute(makeJob(block), makeCtx()));
    expect(err).toMatchObject({ code: 'not_configured', retryable: false });
    expect(err.message).toContain('MISSING_TOKEN');
    expect(await readdir(probeDir)).toEqual([]);
  });

  it('GIVEN a command that outlives its timeout THEN the whole process group, grandchild included, is gone', async () => {
    const block = shellBlock(`${SPAWN_GRANDCHILD}; wait`, { timeout: 1_000 });
    const err = await rejectionOf(shell({ killGraceMs: 2_000 }).execute(makeJob(block), makeCtx()));
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    expect(err.message).toContain('timed out after 1s');
    const pid = Number(await waitForFile(probeDir, 'pid'));
    expect(isGone(pid)).toBe(true);
  });

  it('GIVEN processes that ignore SIGTERM THEN they are SIGKILLed after the grace period', async () => {
    const block = shellBlock(`trap "" TERM; ${SPAWN_GRANDCHILD}; wait`, { timeout: 1_000 });
    const err = await rejectionOf(shell({ killGraceMs: 300 }).execute(makeJob(block), makeCtx()));
    expect(err).toMatchObject({ code: 'timeout' });
    expect(err.message).toContain('SIGKILL');
    expect(isGone(Number(await waitForFile(probeDir, 'pid')))).toBe(true);
  });

  it('GIVEN the runner aborts THEN the group is stopped at once and the error says aborted', async () => {
    const ctx = makeCtx();
    const running = rejectionOf(shell().execute(makeJob(shellBlock(`${SPAWN_GRANDCHILD}; wait`)), ctx));
    const pid = Number(await waitForFile(probeDir, 'pid'));
    expect(isGone(pid)).toBe(false);
    const started = performance.now();
    ctx.controller.abort(new Error('run cancelled'));
    const err = await running;
    expect(err).toMatchObject({ code: 'aborted', retryable: false });
    expect(err.message).toContain('run cancelled');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(isGone(pid)).toBe(true);
  });

  it('GIVEN a command that exits leaving a background process THEN the leftover is stopped too', async () => {
    const block = shellBlock(`sleep 30 >/dev/null 2>&1 & echo $! > "$PROBE_DIR/pid"; echo finished`);
    const { result } = await shell().execute(makeJob(block), makeCtx());
    expect(result).toMatchObject({ status: 'COMPLETE', reasoning: 'finished' });
    expect(isGone(Number(await waitForFile(probeDir, 'pid')))).toBe(true);
  });

  it('GIVEN a shell that cannot be started THEN a non-retryable spawn error', async () => {
    const err = await rejectionOf(shell({ shell: '/nonexistent/sh' }).execute(makeJob(shellBlock('echo hi')), makeCtx()));
    expect(err).toMatchObject({ code: 'spawn_failed', retryable: false });
  });

  it('GIVEN a block without a command THEN not_configured', async () => {
    const err = await rejectionOf(shell().execute(makeJob(makeBlock({ runtime: 'shell' })), makeCtx()));
    expect(err).toMatchObject({ code: 'not_configured' });
  });
});
