/** The local Slack for tests: Web API + response_url + Socket Mode, signed requests, real-shaped payloads. */
export { startFakeSlack, type FakeSlack, type StartFakeSlackOptions } from './fake-slack';
export type { RecordedCall } from './call-log';
export type { FailureSpec } from './failures';
export type { SocketAck, SocketEvent } from './socket-mode';
export { FAKE_TEAM, type FakeEphemeral, type FakeMessage, type FakeResponse, type FakeUser, type FakeView } from './state';
export { signedRequest, slackSignature, type SignedRequestOptions } from './signed-request';
export {
  blockActionsBody, blockActionsPayload, slashCommandBody, slashCommandPayload, viewSubmissionBody, viewSubmissionPayload,
  type BlockActionsInput, type SlashCommandInput, type ViewSubmissionInput, type ViewValues,
} from './payload-builders';
export { validateMessageBlocks, validateView, type Refusal } from './validate-blocks';
