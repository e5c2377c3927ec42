/** The Slack adapter: what the composition root and tests import. */
export { slackAdapterFactory, slackAdapterFromEnv } from './slack-adapter-factory';
export { SlackAdapter } from './slack-adapter';
export { resolveSlackOptions, slackGroupIds, slackOptionsFromEnv, type SlackAdapterOptions, type SlackMode } from './slack-options';
export { SLACK_EVENTS_PATH } from './events-endpoint';
export { FACTORY_COMMAND } from './on-slash-command';
export { buildSlackManifest, BOT_SCOPES, type ManifestOptions, type SlackManifest } from './build-manifest';
export { buildHomeView, type HomeContent } from './home-view';
export { renderCard, type RenderCardOptions, type SlackMessage } from './render-card';
export { renderModal } from './render-modal';
export { verifySlackRequest, type SlackVerifyResult } from './verify-request';
