/**
 * Mutants that need to know what a block means: bad references, durations, crons, enums, ranges,
 * duplicates and the cases of issue 18, each with the path its refusal must name.
 */
import { GROUP_OF, isNestedBlock } from '../../../../src/schema/block-v2';
import type { Json, Mutant } from './mutant';

type Obj = Record<string, Json>;

const BAD_CRONS = ['61 * * * *', '* * * * * *', '*/1 * * * *', '0 6 * *'];

const blocksOf = (t: Json): Obj[] => (t as Obj).blocks as Obj[];
const obj = (value: Json | undefined): Obj => (value ?? {}) as Obj;
const list = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);
const keysOf = (items: Json[]): string[] => items.map((item) => String(obj(item).key));

export function blockMutants(template: Json): Mutant[] {
  const out: Mutant[] = [];
  const blocks = blocksOf(template);
  blocks.forEach((block, i) => {
    const at = `$.blocks[${i}]`;
    // Grouped fields (timeout, human_gate, mode ...) live in `execution` or `lifecycle` in a nested block.
    const nested = isNestedBlock(block);
    const groupOf = (field: string) => (nested ? GROUP_OF.get(field.split('.')[0]!) : undefined);
    const p = (field: string) => (groupOf(field) ? `.${groupOf(field)}.${field}` : `.${field}`);
    const holder = (b: Obj, field: string): Obj => {
      const group = groupOf(field);
      return group ? ((b[group] ??= {}) as Obj) : b;
    };
    const get = (b: Obj, field: string) => holder(structuredClone(b), field)[field];
    const add = (kind: string, field: string, what: string, edit: (b: Obj, all: Obj[]) => void) =>
      out.push({ kind, what: `${at} ${what}`, expectPath: `${at}${field}`, edit: (t) => edit(blocksOf(t)[i]!, blocksOf(t)) });

    for (const [field, bad] of [['type', 'bogus'], ['runtime', 'telepathy'], ['human_gate', 'maybe'], ['mode', 'sometimes']] as const) {
      add('bad enum', p(field), `${field}: ${bad}`, (b) => (holder(b, field)[field] = bad));
    }
    for (const bad of ['0s', '3000d', '30 minutes', '-5m']) add('bad duration', p('timeout'), `timeout: ${bad}`, (b) => (holder(b, 'timeout').timeout = bad));
    for (const [field, bad] of [['max_retries', -1], ['max_retries', 21], ['max_retries', 1.5], ['max_reworks', 21]] as const) {
      add('out of range', p(field), `${field}: ${bad}`, (b) => (holder(b, field)[field] = bad));
    }
    for (const bad of ['constructor', 'Not_Kebab', '']) add('bad id', '.id', `id: "${bad}"`, (b) => (b.id = bad));
    if (i > 0) add('duplicate', '.id', `id copies blocks[${i - 1}]`, (b, all) => (b.id = all[i - 1]!.id!));
    add('runtime state', '.status', 'sets status', (b) => (b.status = 'done'));
    add('runtime state', '.state', 'declares state', (b) => (b.state = { status: 'done' }));
    add('out of range', '.scope.gate', 'scope.gate: 5', (b) => (b.scope = { gate: 5 }));
    add('out of range', p('simulate.failure_rate'), 'simulate.failure_rate: 2', (b) => (holder(b, 'simulate').simulate = { failure_rate: 2 }));

    for (const cron of BAD_CRONS) add('bad cron', '.trigger.cron', `cron "${cron}"`, (b) => (b.trigger = { type: 'cron', cron }));
    add('bad cron', '.trigger.timezone', 'zone Mars/Olympus', (b) => (b.trigger = { type: 'cron', cron: '0 6 * * *', timezone: 'Mars/Olympus' }));
    add('bad cron', '.trigger', 'cron trigger without cron', (b) => (b.trigger = { type: 'cron' }));

    list(obj(block.inputs).depends).forEach((_, k) => {
      const dep = `.inputs.depends[${k}]`;
      const depAt = (b: Obj) => obj(list(obj(b.inputs).depends)[k]);
      add('bad ref', `${dep}.block`, `${dep} on no block`, (b) => (depAt(b).block = 'no-such-block'));
      add('bad ref', `${dep}.key`, `${dep} reads no key`, (b) => (depAt(b).key = 'no-such-key'));
      add('bad ref', `${dep}.block`, `${dep} on itself`, (b) => (depAt(b).block = b.id!));
    });
    const ownKeys = [...keysOf(list(obj(block.outputs).artifacts)), ...keysOf(list(obj(block.outputs).metrics))];
    list(obj(block.inputs).depends).forEach((dep, k) => {
      // The block it reads from reads back: a cycle (or a parallel-group conflict), reported on some dependency.
      const upstream = blocks.findIndex((b) => b.id === obj(dep).block);
      if (upstream < 0 || ownKeys.length === 0) return;
      out.push({
        kind: 'bad ref',
        what: `${at}.inputs.depends[${k}] closed into a cycle`,
        expectPath: '$.blocks',
        edit: (t) => {
          const up = blocksOf(t)[upstream]!;
          up.inputs = { ...obj(up.inputs), depends: [...list(obj(up.inputs).depends), { block: block.id!, key: ownKeys[0]! }] };
        },
      });
    });
    list(obj(block.inputs).params).forEach((_, k) => {
      add('bad ref', `.inputs.params[${k}]`, 'reads an undeclared param', (b) => (list(obj(b.inputs).params)[k] = 'no_such_param'));
    });

    const artifacts = list(obj(block.outputs).artifacts);
    if (artifacts.length > 0) {
      add('duplicate', `.outputs.artifacts[${artifacts.length}].key`, 'artifact key twice', (b) => list(obj(b.outputs).artifacts).push({ ...obj(artifacts[0]) }));
      add('bad enum', '.outputs.artifacts[0].format', 'format docx', (b) => (obj(list(obj(b.outputs).artifacts)[0]).format = 'docx'));
      add('bad id', '.outputs.artifacts[0].key', 'artifact key constructor', (b) => (obj(list(obj(b.outputs).artifacts)[0]).key = 'constructor'));
    }
    const metrics = list(obj(block.outputs).metrics);
    if (metrics.length > 0) {
      add('duplicate', `.outputs.metrics[${metrics.length}].key`, 'metric key twice', (b) => list(obj(b.outputs).metrics).push({ ...obj(metrics[0]) }));
      add('bad enum', '.outputs.metrics[0].type', 'metric type bogus', (b) => (obj(list(obj(b.outputs).metrics)[0]).type = 'bogus'));
    }
    if (get(block, 'threshold')) add('bad ref', p('threshold.metric'), 'threshold on no metric', (b) => (obj(holder(b, 'threshold').threshold).metric = 'no-such-metric'));
    if (get(block, 'runtime') === 'shell') add('missing required', p('command'), 'shell without command', (b) => delete holder(b, 'command').command);

    if (block.review) {
      add('bad principal', '.review.approvers[0]', 'approver "nobody at all"', (b) => (obj(b.review).approvers = ['nobody at all']));
      add('bad enum', '.review.priority', 'priority urgent', (b) => (obj(b.review).priority = 'urgent'));
      add('bad ref', '.review', 'review without a gate', (b) => (holder(b, 'human_gate').human_gate = 'none'));
      add('bad duration', '.review.sla.deadline', 'deadline soon', (b) => (obj(b.review).sla = { deadline: 'soon' }));
      add('bad channel', '.review.sla.steps[0].channel', 'step to nowhere', (b) => (obj(b.review).sla = { steps: [{ at: '0', action: 'notify', channel: 'nowhere' }] }));
    }
  });
  return out;
}
