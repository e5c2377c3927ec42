import { describe, expect, it } from 'vitest';
import {
  buildFactoryCommand,
  COMMAND_NAME_REGEX,
  commandSize,
  MAX_CHOICE_TEXT,
  MAX_COMMAND_CHOICES,
  MAX_COMMAND_DESCRIPTION,
  MAX_COMMAND_NAME,
  MAX_COMMAND_OPTIONS,
  MAX_COMMAND_TOTAL,
} from '../../../adapters/discord/command-definition';
import { sameCommand } from '../../../adapters/discord/sync-commands';
import { COMMANDS } from '../../../commands/index';
import type { AnyCommand } from '../../../commands/types';
import { validateCommandList } from '../../fakes/discord';

type Node = { type?: number; name: string; description: string; required?: boolean; autocomplete?: boolean; choices?: Array<{ name: string; value: unknown }>; options?: Node[] };

const command = buildFactoryCommand(COMMANDS) as unknown as Node;
const subcommands = command.options ?? [];

/** Every named node: the command, its subcommands and their options. */
function walk(node: Node, path: string[] = []): Array<{ path: string; node: Node }> {
  const here = [...path, node.name];
  return [{ path: here.join(' '), node }, ...(node.options ?? []).flatMap((o) => walk(o, here))];
}

describe('the /factory command definition', () => {
  it('GIVEN the registry THEN there is one subcommand per definition, in order, with STRING/INTEGER/BOOLEAN options', () => {
    expect(command).toMatchObject({ type: 1, name: 'factory' });
    expect(subcommands.map((s) => s.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(subcommands.every((s) => s.type === 1)).toBe(true);
    for (const sub of subcommands) for (const option of sub.options ?? []) expect([3, 4, 5]).toContain(option.type);
    const run = subcommands.find((s) => s.name === 'run')!;
    expect(run.options?.find((o) => o.name === 'template')).toMatchObject({ type: 3, required: true, autocomplete: true });
    expect(run.options?.find((o) => o.name === 'simulate')).toMatchObject({ type: 5, required: false });
    const autonomy = subcommands.find((s) => s.name === 'autonomy')!;
    expect(autonomy.options?.find((o) => o.name === 'level')?.choices?.map((c) => c.value)).toEqual(['gate', 'guided', 'auto']);
  });

  it.each(walk(command).map((w) => [w.path, w.node] as const))('GIVEN %s THEN its name and description fit Discord', (_path, node) => {
    expect(node.name).toMatch(COMMAND_NAME_REGEX);
    expect(node.name).toBe(node.name.toLowerCase());
    expect(node.name.length).toBeLessThanOrEqual(MAX_COMMAND_NAME);
    expect(node.description.length).toBeGreaterThan(0);
    expect(node.description.length).toBeLessThanOrEqual(MAX_COMMAND_DESCRIPTION);
    expect((node.options ?? []).length).toBeLessThanOrEqual(MAX_COMMAND_OPTIONS);
    expect(new Set((node.options ?? []).map((o) => o.name)).size).toBe((node.options ?? []).length);
    for (const choice of node.choices ?? []) {
      expect(choice.name.length).toBeLessThanOrEqual(MAX_CHOICE_TEXT);
      expect(String(choice.value).length).toBeLessThanOrEqual(MAX_CHOICE_TEXT);
    }
    expect((node.choices ?? []).length).toBeLessThanOrEqual(MAX_COMMAND_CHOICES);
    expect(node.autocomplete && node.choices?.length).toBeFalsy();
  });

  it('GIVEN every subcommand THEN required options come before optional ones', () => {
    for (const sub of subcommands) {
      const required = (sub.options ?? []).map((o) => o.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it('GIVEN the whole command THEN its combined size is within 8000 and the fake Discord accepts it', () => {
    expect(commandSize(command)).toBeLessThanOrEqual(MAX_COMMAND_TOTAL);
    const form = validateCommandList([command]);
    expect(form.ok, JSON.stringify(form.toBody())).toBe(true);
  });

  it('GIVEN a definition with an optional option before a required one and long text THEN it is reordered and cut', () => {
    const odd = {
      ...COMMANDS[0]!,
      name: 'odd',
      description: 'd'.repeat(150),
      options: [
        { name: 'first', description: 'optional', type: 'string', required: false, maxLength: 99_999 },
        { name: 'second', description: 'x'.repeat(101), type: 'integer', required: true },
      ],
    } as AnyCommand;
    const sub = (buildFactoryCommand([odd]).options as unknown as Array<Node & { options: Array<Node & { max_length?: number }> }>)[0]!;
    expect(sub.description).toHaveLength(100);
    expect(sub.options.map((o) => o.name)).toEqual(['second', 'first']);
    expect(sub.options[0]!.description).toHaveLength(100);
    expect(sub.options[1]!.max_length).toBe(6000);
  });

  it('GIVEN what Discord returns (ids, versions, omitted false values) THEN it counts as the same command; a changed description does not', () => {
    const returned = JSON.parse(JSON.stringify(command)) as Record<string, unknown> & Node;
    Object.assign(returned, { id: '1', application_id: '2', version: '3', default_member_permissions: null, nsfw: false });
    for (const sub of returned.options ?? []) for (const option of sub.options ?? []) if (option.required === false) delete option.required;
    expect(sameCommand(returned, command as unknown as Record<string, unknown>)).toBe(true);
    returned.options![0]!.description = 'something else';
    expect(sameCommand(returned, command as unknown as Record<string, unknown>)).toBe(false);
  });
});
