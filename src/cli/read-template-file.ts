import { readFile } from 'node:fs/promises';
import type { Result } from '../domain/result';

/**
 * Reads and parses a JSON file, turning failures into one sentence for a person: the file could
 * not be read, or where the JSON breaks (line and column).
 */
export async function readJsonFile(file: string): Promise<Result<unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    return { ok: false, error: `Cannot read ${file}: ${why}.` };
  }
  return parseJsonText(file, text);
}

/** Parses JSON text; on failure says where, as line and column, whichever way the runtime reports it. */
export function parseJsonText(file: string, text: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    const where = locate(message, text);
    return { ok: false, error: `${file} is not valid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${message}.` };
  }
}

function locate(message: string, text: string): { line: number; column: number } | null {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAndColumnAt(text, Number(position[1]));
  if (/end of JSON input/.test(message)) return lineAndColumnAt(text, text.length);
  return null;
}

/** 1-based line and column of a character offset. */
export function lineAndColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
