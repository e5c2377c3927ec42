/** Mutants of the template's own fields: version, id, params, trigger, SLA and channels. */
import type { Json, Mutant } from './mutant';

type Obj = Record<string, Json>;

const BAD_CRONS = ['61 * * * *', '* * * * * *', '*/2 * * * *', '0 6 * *', ''];

export function templateMutants(template: Json): Mutant[] {
  const out: Mutant[] = [];
  const add = (kind: string, path: string, what: string, edit: (t: Obj) => void) => out.push({ kind, what, expectPath: path, edit: (t) => edit(t as Obj) });
  const root = template as Obj;

  for (const bad of ['2', 0, 1.5, -1]) add('bad version', '$.version', `version ${JSON.stringify(bad)}`, (t) => (t.version = bad));
  for (const bad of ['Clone Factory', '', 'a--b']) add('bad id', '$.id', `id "${bad}"`, (t) => (t.id = bad));
  add('missing required', '$.blocks', 'no blocks', (t) => (t.blocks = []));

  for (const name of ['Bad-Name', 'constructor', '__proto__']) {
    add('bad param', `$.params${/^\w+$/.test(name) ? `.${name}` : `["${name}"]`}`, `param "${name}"`, (t) => {
      // Object.defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
      Object.defineProperty((t.params ??= {}) as Obj, name, { value: { type: 'string' }, enumerable: true, configurable: true, writable: true });
    });
  }
  for (const name of Object.keys((root.params ?? {}) as Obj)) {
    add('bad enum', `$.params.${name}.type`, `param ${name} type date`, (t) => (((t.params as Obj)[name] as Obj).type = 'date'));
  }

  for (const cron of BAD_CRONS) add('bad cron', '$.trigger.cron', `template cron "${cron}"`, (t) => (t.trigger = { type: 'cron', cron }));
  add('bad cron', '$.trigger.timezone', 'template zone Mars/Olympus', (t) => (t.trigger = { type: 'cron', cron: '0 6 * * 1', timezone: 'Mars/Olympus' }));
  add('bad cron', '$.trigger.type', 'template trigger of type event', (t) => (t.trigger = { type: 'event', cron: '0 6 * * 1' }));
  add('bad param', '$.trigger.params.no_such_param', 'scheduled run with an undeclared param', (t) => (t.trigger = { type: 'cron', cron: '0 6 * * 1', params: { no_such_param: 'x' } }));

  const sla = (t: Obj) => (t.sla ??= {}) as Obj;
  for (const [field, bad] of [['deadline', 'soon'], ['claim_lapse', '1 hour'], ['on_deadline', 'explode']] as const) {
    add(field === 'on_deadline' ? 'bad enum' : 'bad duration', `$.sla.${field}`, `sla.${field} ${bad}`, (t) => (sla(t)[field] = bad));
  }
  add('bad ref', '$.sla.on_deadline', 'approve at the deadline without allow_auto_approve', (t) => {
    sla(t).on_deadline = 'approve';
    delete sla(t).allow_auto_approve;
  });
  const quiet = { timezone: 'UTC', hours: '09:00-18:00' };
  add('bad zone', '$.sla.quiet_hours.timezone', 'quiet hours on Mars', (t) => (sla(t).quiet_hours = { ...quiet, timezone: 'Mars/Olympus' }));
  add('bad duration', '$.sla.quiet_hours.hours', 'hours 9-5', (t) => (sla(t).quiet_hours = { ...quiet, hours: '9-5' }));
  add('out of range', '$.sla.quiet_hours.days[0]', 'day 8', (t) => (sla(t).quiet_hours = { ...quiet, days: [8] }));

  const steps = ((root.sla as Obj | undefined)?.steps ?? []) as Json[];
  steps.forEach((_, k) => {
    const step = (t: Obj) => ((sla(t).steps as Json[])[k] as Obj);
    const at = `$.sla.steps[${k}]`;
    add('bad duration', `${at}.at`, `step ${k} at soon`, (t) => (step(t).at = 'soon'));
    add('bad enum', `${at}.action`, `step ${k} action shout`, (t) => (step(t).action = 'shout'));
    add('bad channel', `${at}.channel`, `step ${k} to nowhere`, (t) => (step(t).channel = 'nowhere'));
    for (const max of [0, 101]) add('out of range', `${at}.repeat.max`, `step ${k} repeat max ${max}`, (t) => (step(t).repeat = { every: '1h', max }));
    add('bad duration', `${at}.repeat.every`, `step ${k} repeat every often`, (t) => (step(t).repeat = { every: 'often' }));
  });
  add('unknown key', '$.channels.chat', 'a channel purpose that does not exist', (t) => (t.channels = { ...((t.channels ?? {}) as Obj), chat: 'factory-chat' }));
  return out;
}
