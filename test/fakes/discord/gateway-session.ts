/**
 * One gateway session: its sequence number, the dispatches it was sent (kept so a RESUME can
 * replay what the client missed while disconnected) and the socket it currently lives on.
 */
import { WebSocket } from 'ws';

/** A dispatch (op 0) as sent on the wire. */
export interface DispatchPayload {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

export class GatewaySession {
  seq = 0;
  readonly sent: DispatchPayload[] = [];
  socket: WebSocket | undefined;

  constructor(
    readonly id: string,
    readonly intents: number,
  ) {}

  /** Numbers the event, remembers it, and sends it if the socket is open. */
  dispatch(t: string, d: unknown): DispatchPayload {
    this.seq += 1;
    const payload: DispatchPayload = { op: 0, t, s: this.seq, d };
    this.sent.push(payload);
    this.sendRaw(payload);
    return payload;
  }

  /** Sends what the client missed after `seq` (Discord replays in order, then RESUMED). */
  replayAfter(seq: number): number {
    const missed = this.sent.filter((p) => p.s > seq);
    for (const payload of missed) this.sendRaw(payload);
    return missed.length;
  }

  sendRaw(payload: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(payload));
  }

  wants(intent: number | undefined): boolean {
    return intent === undefined || (this.intents & intent) !== 0;
  }
}
