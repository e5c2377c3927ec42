import { describe, expect, it } from 'vitest';
import { parseConsoleLine } from '../../../adapters/console/parse-console-line';

describe('parseConsoleLine', () => {
  it('GIVEN "/factory <text>" or the bare subcommand THEN both are the same command', () => {
    expect(parseConsoleLine('/factory run demo')).toEqual({ type: 'command', text: 'run demo' });
    expect(parseConsoleLine('  run demo  ')).toEqual({ type: 'command', text: 'run demo' });
    expect(parseConsoleLine('/FACTORY status 3')).toEqual({ type: 'command', text: 'status 3' });
  });

  it('GIVEN a number, with or without brackets THEN it presses that button', () => {
    expect(parseConsoleLine('2')).toEqual({ type: 'action', number: 2 });
    expect(parseConsoleLine(' [14] ')).toEqual({ type: 'action', number: 14 });
  });

  it('GIVEN help, "?", or /factory alone THEN the console help', () => {
    for (const line of ['help', 'HELP', '?', '/factory', '/factory   ']) expect(parseConsoleLine(line)).toEqual({ type: 'help' });
  });

  it('GIVEN exit or quit THEN exit', () => {
    for (const line of ['exit', 'quit', '/exit', 'Exit']) expect(parseConsoleLine(line)).toEqual({ type: 'exit' });
  });

  it('GIVEN another slash command THEN it is named, not run', () => {
    expect(parseConsoleLine('/status')).toEqual({ type: 'not-factory', word: '/status' });
  });

  it('GIVEN an empty line THEN nothing', () => {
    expect(parseConsoleLine('   ')).toEqual({ type: 'empty' });
  });

  it('GIVEN "/factoryx" THEN it is not mistaken for /factory', () => {
    expect(parseConsoleLine('/factoryx run')).toEqual({ type: 'not-factory', word: '/factoryx' });
  });
});
