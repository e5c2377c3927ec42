import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { isSamePrincipal, type Actor } from '../../src/domain/actor';
import type { Card, Reply } from '../../src/domain/card';
import type { FactoryService } from '../../src/runner/factory-service';
import { buildHomeView } from './home-view';

export interface HomePublisherDeps {
  client: webApi.WebClient;
  service: FactoryService;
  now: () => Date;
  publicBaseUrl?: string;
  /** Signs the run page links of a card (the web pages refuse unsigned links), as command replies are. */
  signLinks?: (reply: Reply) => Reply;
  log: Logger;
}

/**
 * Publishes a person's App Home tab (views.publish). It is refreshed when they open it and after
 * each of their own decisions from Slack; other people's decisions show the next time they open
 * it (Slack shows the last published view until then). Never throws: Home is a convenience, and a
 * failure to refresh it must not turn a successful decision into an error.
 */
export class HomePublisher {
  constructor(private readonly deps: HomePublisherDeps) {}

  async publish(actor: Actor): Promise<void> {
    const { service, log } = this.deps;
    const now = this.deps.now();
    try {
      const [pending, active, blockers] = await Promise.all([service.pendingFor(actor, now), service.listActiveRuns(now), service.blockers(now)]);
      // "Mine" is the runs this principal started (platform and id): two people may share a name.
      const myRuns = active.filter((run) => isSamePrincipal(run.creator, actor));
      const view = buildHomeView({ pending, myRuns, blockers }, { now, publicBaseUrl: this.deps.publicBaseUrl }, (card) => this.signCard(card));
      await this.deps.client.views.publish({ user_id: actor.id, view });
    } catch (error) {
      log.warn({ err: error, user: actor.id }, 'could not publish the Slack Home tab');
    }
  }

  private signCard(card: Card): Card {
    const signed = this.deps.signLinks?.({ type: 'card', card, ephemeral: true });
    return signed?.type === 'card' ? signed.card : card;
  }
}
