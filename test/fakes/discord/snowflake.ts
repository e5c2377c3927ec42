/**
 * Snowflake ids shaped like Discord's (ms since the Discord epoch << 22 | increment). The shape
 * matters: @discordjs/rest picks rate-limit buckets with /\d{17,19}/, so short fake ids would send
 * every request through one "global" bucket and hide per-route behaviour.
 */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** Makes increasing snowflakes; one generator per fake so tests are independent. */
export class SnowflakeGenerator {
  private increment = 0n;

  constructor(private readonly now: () => number = Date.now) {}

  next(): string {
    this.increment = (this.increment + 1n) & 0xfffn;
    const ms = BigInt(this.now()) - DISCORD_EPOCH;
    return ((ms << 22n) | (1n << 17n) | this.increment).toString();
  }

  /** A token-like random string for interaction tokens. */
  token(prefix: string): string {
    return `${prefix}.${this.next()}.${Math.random().toString(36).slice(2)}`;
  }
}
