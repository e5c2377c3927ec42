/**
 * Connects a real discord.js Client to the fake. The only options the fake needs are the REST
 * base (`rest.api`); the gateway URL comes from GET /gateway/bot, and discord.js sends plain JSON
 * unless the optional `zlib-sync` package is installed.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type ClientOptions, type Interaction } from 'discord.js';
import type { FakeDiscord } from './fake-discord';

/** The Client options that point discord.js at the fake (Guilds intent only, no privileged ones). */
export function fakeClientOptions(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): ClientOptions {
  return { intents: [GatewayIntentBits.Guilds], ...extra, rest: { ...extra.rest, api: fake.restUrl } };
}

/** Logs a client in and resolves once it is ready (READY plus every GUILD_CREATE). */
export async function loginClient(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Promise<Client<true>> {
  const client = new Client(fakeClientOptions(fake, extra));
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  return client as Client<true>;
}

/**
 * Runs `handler` on the client's next interaction and settles with its result or error, so a test
 * can both drive the fake and see what the bot code threw. Rejects after `timeoutMs` if no
 * interaction arrives (a guard so a broken test fails with a reason, not a test timeout).
 */
export function handleNextInteraction<T>(client: Client, handler: (interaction: Interaction) => Promise<T>, timeoutMs = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const listener = (interaction: Interaction): void => {
      clearTimeout(timer);
      handler(interaction).then(resolve, reject);
    };
    const timer = setTimeout(() => {
      client.off(Events.InteractionCreate, listener);
      reject(new Error(`no interaction reached the client within ${timeoutMs} ms`));
    }, timeoutMs);
    client.once(Events.InteractionCreate, listener);
  });
}
