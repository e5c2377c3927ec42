import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigFileError, loadFileConfig, modelAliasesOf } from '../config-file';
import type { ValidateOptions } from '../engine/validate-template';
import type { Result } from '../domain/result';

/**
 * What `validate` checks a template against from the config: its channel names (ladder steps),
 * model aliases and teams (agent blocks). Read from the file given with `--config`, else
 * `factory.config.json` in the working directory when there is one, else nothing (the config is
 * unknown: only the template's own channels and the built-in model aliases count).
 */
export async function readConfigChannels(cwd: string, explicit: string | undefined): Promise<Result<ValidateOptions>> {
  const path = resolve(cwd, explicit ?? 'factory.config.json');
  if (explicit === undefined && !(await exists(path))) return { ok: true, value: {} };
  try {
    const config = await loadFileConfig(path);
    return { ok: true, value: { configChannels: Object.keys(config.channels), modelAliases: Object.keys(modelAliasesOf(config)), teams: Object.keys(config.teams) } };
  } catch (error) {
    if (error instanceof ConfigFileError) return { ok: false, error: error.message };
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
