import { describe, expect, it } from 'vitest';
import { effectiveGate } from '../../../src/engine/effective-gate';

describe('effectiveGate', () => {
  it('GIVEN a template after-gate and no overrides THEN the gate waits for a person', () => {
    expect(effectiveGate({ id: 'a', human_gate: 'after' }, {})).toEqual({ position: 'after', mode: 'gate' });
  });

  it('GIVEN a before-gate and a "*" override THEN the override sets the mode', () => {
    expect(effectiveGate({ id: 'a', human_gate: 'before' }, { '*': 'guided' })).toEqual({ position: 'before', mode: 'guided' });
  });

  it('GIVEN both a block override and "*" THEN the block override wins', () => {
    expect(effectiveGate({ id: 'a', human_gate: 'after' }, { '*': 'gate', a: 'auto' })).toEqual({ position: 'after', mode: 'auto' });
  });

  it('GIVEN a gateless block and "*": "gate" (a first run) THEN it gets an after-gate', () => {
    expect(effectiveGate({ id: 'a', human_gate: 'none' }, { '*': 'gate' })).toEqual({ position: 'after', mode: 'gate' });
  });

  it('GIVEN a gateless block and a specific "gate" override THEN it gets an after-gate', () => {
    expect(effectiveGate({ id: 'a', human_gate: 'none' }, { a: 'gate' })).toEqual({ position: 'after', mode: 'gate' });
  });

  it('GIVEN a gateless block with guided or auto THEN nothing changes', () => {
    expect(effectiveGate({ id: 'a', human_gate: 'none' }, { '*': 'guided' })).toBeNull();
    expect(effectiveGate({ id: 'a', human_gate: 'none' }, { a: 'auto', '*': 'gate' })).toBeNull();
    expect(effectiveGate({ id: 'a', human_gate: 'none' }, {})).toBeNull();
  });
});
