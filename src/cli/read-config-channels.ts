import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigFileError, loadFileConfig } from '../config-file';
import type { Result } from '../domain/result';

/**
 * The channel names of the config `validate` checks ladder steps against: the file given with
 * `--config`, else `factory.config.json` in the working directory when there is one, else none
 * (undefined: the config is unknown, so only the template's own channels count).
 */
export async function readConfigChannels(cwd: string, explicit: string | undefined): Promise<Result<readonly string[] | undefined>> {
  const path = resolve(cwd, explicit ?? 'factory.config.json');
  if (explicit === undefined && !(await exists(path))) return { ok: true, value: undefined };
  try {
    const config = await loadFileConfig(path);
    return { ok: true, value: Object.keys(config.channels) };
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
