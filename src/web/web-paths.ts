/** The web pages' paths; each carries the link token the page was opened with. */
export class WebPaths {
  constructor(private readonly token: string) {}

  private q(extra: Record<string, string | number | undefined> = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) params.set(k, String(v));
    params.set('t', this.token);
    return `?${params.toString()}`;
  }

  runs(filter: { template?: string; status?: string } = {}): string {
    return `/runs${this.q(filter)}`;
  }

  run(runId: string): string {
    return `/runs/${encodeURIComponent(runId)}${this.q()}`;
  }

  state(runId: string): string {
    return `/runs/${encodeURIComponent(runId)}/state.json${this.q()}`;
  }

  artifact(runId: string, blockId: string, key: string, attempt: number, view: '' | 'raw' | 'frame' = ''): string {
    const tail = view ? `/${view}` : '';
    return `/runs/${encodeURIComponent(runId)}/artifacts/${encodeURIComponent(blockId)}/${encodeURIComponent(key)}${tail}${this.q({ attempt })}`;
  }

  diff(runId: string, blockId: string, from: number, to: number): string {
    return `/runs/${encodeURIComponent(runId)}/blocks/${encodeURIComponent(blockId)}/diff${this.q({ from, to })}`;
  }
}
