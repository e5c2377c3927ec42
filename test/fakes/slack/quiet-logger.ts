import { LogLevel, type Logger } from '@slack/bolt';

/** A bolt/web-api Logger that prints nothing but keeps warnings and errors, so a test can assert there were none. */
export function quietLogger(): Logger & { problems: string[] } {
  const problems: string[] = [];
  return {
    problems,
    debug: () => undefined,
    info: () => undefined,
    warn: (...m: unknown[]) => void problems.push(`warn: ${m.map(String).join(' ')}`),
    error: (...m: unknown[]) => void problems.push(`error: ${m.map(String).join(' ')}`),
    setLevel: () => undefined,
    getLevel: () => LogLevel.ERROR,
    setName: () => undefined,
  };
}
