/**
 * Wrong requests at the service level: each is refused with a UserError whose code is stable and
 * whose sentence tells the person what is wrong, and the refusal changes nothing at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError, type UserErrorCode } from '../../../src/domain/errors';
import type { RunView } from '../../../src/domain/views';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';
import { snapshotState } from './state-snapshot';

const origin = { platform: 'console' as const, channelId: 'console' };

describe.each(testDatabases())('refused requests on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;
  /** A demo run settled at its draft gate: nothing ready or running, so nothing moves by itself. */
  let run: RunView;

  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database);
    const created = await factory.service.createRun({ templateId: 'demo', params: {}, simulate: false, actor: consoleActor, origin });
    run = await eventually(async () => {
      const view = await factory.service.getRun(created.id);
      const busy = view.blocks.some((b) => b.status === 'ready' || b.status === 'running');
      return !busy && view.pendingGates.length === 1 ? view : null;
    }, 'the demo run to wait at its gate');
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await factory?.stop();
    await database?.close();
  });

  /** The call fails with this UserError, and no table changed. */
  async function expectRefused(call: () => Promise<unknown>, code: UserErrorCode, message: string | RegExp): Promise<void> {
    const before = await snapshotState(database);
    const error = await call().then(
      () => new Error('the call succeeded'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe(code);
    if (typeof message === 'string') expect((error as UserError).message).toBe(message);
    else expect((error as UserError).message).toMatch(message);
    expect(await snapshotState(database)).toEqual(before);
  }

  const start = (templateId: string, params: Record<string, string>) => () =>
    factory.service.createRun({ templateId, params, simulate: true, actor: consoleActor, origin });

  it('GIVEN an unknown template THEN unknown_template names the templates there are', async () => {
    await expectRefused(start('no-such-template', {}), 'unknown_template', /^There is no template "no-such-template"\. Templates: (.+, )?demo(, .+)?\.$/);
  });

  it('GIVEN a missing required parameter THEN invalid_params says which and shows the usage', async () => {
    await expectRefused(
      start('clone-factory', {}),
      'invalid_params',
      /^Cannot start clone-factory: "expert_name" is required: .+\nUsage: \/factory run clone-factory expert_name=<string> \[brand_url=<url>\]$/,
    );
  });

  it('GIVEN an ill-typed parameter THEN invalid_params says what type it must be', async () => {
    await expectRefused(
      start('clone-factory', { expert_name: 'Ada Lovelace', brand_url: 'not a url' }),
      'invalid_params',
      /^Cannot start clone-factory: "brand_url" must be an http\(s\) URL, not "not a url"\.\n/,
    );
  });

  it('GIVEN an unknown parameter THEN invalid_params lists the ones the template takes', async () => {
    await expectRefused(
      start('clone-factory', { expert_name: 'Ada Lovelace', colour: 'blue' }),
      'invalid_params',
      /^Cannot start clone-factory: clone-factory has no parameter "colour" \(it takes: expert_name, brand_url\)\.\n/,
    );
  });

  it('GIVEN a decision on an unknown gate THEN unknown_gate says so and where to look', async () => {
    await expectRefused(
      () => factory.service.decideGate({ gateId: '999999', decision: 'approve', actor: consoleActor }, new Date()),
      'unknown_gate',
      'There is no gate #999999. `/factory pending` lists the gates waiting on you.',
    );
  });

  it('GIVEN a retry of a block that is done or waiting THEN block_not_retryable says only failed blocks can be', async () => {
    const retry = (blockId: string) => () => factory.service.retryBlock(run.id, blockId, consoleActor, new Date());
    await expectRefused(retry('brief'), 'block_not_retryable', 'Only a failed block can be retried; brief is done.');
    await expectRefused(retry('draft'), 'block_not_retryable', 'Only a failed block can be retried; draft is waiting.');
    await expectRefused(retry('no-such-block'), 'unknown_block', `Run #${run.id} has no block "no-such-block". Its blocks: brief, research, outline, visuals, draft, publish.`);
  });

  it('GIVEN a decision on a cancelled run THEN run_not_active says the run is over', async () => {
    const gate = run.pendingGates[0]!;
    await factory.service.cancelRun(run.id, consoleActor, 'changed our minds', new Date());
    await expectRefused(
      () => factory.service.decideGate({ gateId: gate.id, decision: 'approve', actor: consoleActor }, new Date()),
      'run_not_active',
      `Run #${run.id} (${run.name}) is cancelled; its gates can no longer be decided.`,
    );
  });
});
