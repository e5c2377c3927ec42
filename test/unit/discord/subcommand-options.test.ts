import { ApplicationCommandOptionType, type CommandInteractionOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { subcommandOptions } from '../../../adapters/discord/handle-command';

const sub = (options?: CommandInteractionOption[]): CommandInteractionOption[] => [{ name: 'run', type: ApplicationCommandOptionType.Subcommand, ...(options ? { options } : {}) }];

describe('subcommandOptions', () => {
  it('GIVEN a subcommand with options THEN their values by name, typed as Discord sent them', () => {
    expect(
      subcommandOptions(
        sub([
          { name: 'template', type: ApplicationCommandOptionType.String, value: 'demo' },
          { name: 'simulate', type: ApplicationCommandOptionType.Boolean, value: true },
        ]),
      ),
    ).toEqual({ template: 'demo', simulate: true });
  });

  it('GIVEN a subcommand typed without options (Discord omits the list) THEN an empty record', () => {
    expect(subcommandOptions(sub())).toEqual({});
    expect(subcommandOptions(sub([]))).toEqual({});
    expect(subcommandOptions([])).toEqual({});
  });
});
