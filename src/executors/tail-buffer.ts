/**
 * Keeps only the last `cap` bytes of a stream, so a chatty or runaway command cannot grow the
 * bot's memory; errors and results only ever need the end of the output.
 */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes seen in total, including those dropped. */
  total = 0;

  constructor(readonly cap: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Drop whole chunks that lie entirely before the tail; the rest is trimmed on read.
    while (this.chunks.length > 1 && this.size - this.chunks[0]!.length >= this.cap) {
      this.size -= this.chunks.shift()!.length;
    }
  }

  /** The last `maxBytes` (default: cap) bytes as UTF-8, without a broken leading character. */
  text(maxBytes = this.cap): string {
    const all = Buffer.concat(this.chunks);
    const start = Math.max(0, all.length - Math.min(maxBytes, this.cap));
    return all.subarray(start).toString('utf8').replace(/^\uFFFD+/, '');
  }

  /** True when some output was dropped (or `maxBytes` cuts it), for a visible marker. */
  truncated(maxBytes = this.cap): boolean {
    return this.total > Math.min(maxBytes, this.cap);
  }
}

/** The tail with a "[… N bytes omitted]" marker when output was cut, for error messages. */
export function tailWithMarker(buffer: TailBuffer, maxBytes: number): string {
  const text = buffer.text(maxBytes).trimEnd();
  if (!buffer.truncated(maxBytes)) return text;
  const kept = Buffer.byteLength(text);
  return `[… ${buffer.total - kept} earlier bytes omitted]\n${text}`;
}
