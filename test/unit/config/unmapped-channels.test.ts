import { describe, expect, it } from 'vitest';
import { channelNamesOf, describeUnmappedChannel, findUnmappedChannels } from '../../../src/boot/unmapped-channels';
import type { Template } from '../../../src/schema/template';

const template = (id: string, extra: Partial<Template> = {}): Template =>
  ({ id, name: id, blocks: [{ id: 'a', review: { sla: { steps: [{ at: '1h', action: 'mention', channel: 'oncall' }] } } }], ...extra }) as unknown as Template;

describe('unmapped template channels', () => {
  it('GIVEN a template with its own names and a ladder step channel THEN those are the names it posts to', () => {
    const t = template('t', { channels: { tasks: 'factory-tasks' }, sla: { steps: [{ at: 'deadline', action: 'escalate', channel: 'tasks' }] } } as Partial<Template>);
    expect([...channelNamesOf(t)].sort()).toEqual(['alerts', 'factory-tasks', 'feed', 'oncall']);
  });

  it('GIVEN config mapping tasks on Discord only THEN each other name is named once with its templates and missing platforms', () => {
    const found = findUnmappedChannels([template('a'), template('b')], { tasks: { discord: '1', slack: 'C1' }, alerts: { discord: '2' } }, ['discord', 'slack']);
    expect(found).toEqual([
      { name: 'alerts', templates: ['a', 'b'], platforms: ['slack'] },
      { name: 'feed', templates: ['a', 'b'], platforms: ['discord', 'slack'] },
      { name: 'oncall', templates: ['a', 'b'], platforms: ['discord', 'slack'] },
    ]);
    expect(describeUnmappedChannel(found[0]!)).toBe(
      'channel "alerts" (used by a, b) has no Slack id in the config\'s channels, so nothing is posted there; add "channels": { "alerts": { "slack": "<channel id>" } } to factory.config.json',
    );
  });

  it('GIVEN only the console THEN nothing is unmapped (the console shows every card)', () => {
    expect(findUnmappedChannels([template('a')], {}, ['console'])).toEqual([]);
  });
});
