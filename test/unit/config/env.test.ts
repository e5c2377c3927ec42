import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_KEYS, readEnv, shellEnvironment } from '../../../src/config';

describe('environment', () => {
  it('GIVEN .env.example THEN it lists exactly the keys the config schema reads', () => {
    const text = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const listed = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ENV_KEYS].sort());
  });

  it('GIVEN an empty environment THEN the embedded defaults apply', () => {
    const env = readEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.FACTORY_DATA_DIR).toBe('./data');
    expect(env.PORT).toBe(3000);
    expect(shellEnvironment(env, {})).toBeUndefined();
  });

  it('GIVEN a bad PORT THEN the error names the variable', () => {
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('GIVEN FACTORY_SHELL_ENV THEN shell blocks get only the named variables', () => {
    const env = readEnv({ FACTORY_SHELL_ENV: 'NPM_TOKEN, CI' });
    expect(shellEnvironment(env, { NPM_TOKEN: 't', CI: '1', SECRET: 'x' })).toEqual({ NPM_TOKEN: 't', CI: '1' });
  });
});
