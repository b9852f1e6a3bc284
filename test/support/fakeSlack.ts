// The tests' stand-in for Slack is the sandbox's (src/sandbox/localSlack.ts): one stand-in, so what
// the tests assert on is what the sandbox's page shows. The names below are the ones tests use.
export {
  LocalSlack as FakeSlack, startLocalSlack as startFakeSlack, SocketModeSocket as FakeWebSocket,
  pngDimensions, TIER_LIMITS_PER_MINUTE, UPLOAD_URL,
  type LocalSlackOptions as FakeSlackOptions, type SlackUser as FakeUser, type SlackChannel as FakeChannel,
  type SlackMessage as FakeMessage, type SlackFile as FakeFile, type SlackEphemeral as FakeEphemeral,
  type ApiCall, type Failure, type RateLimits, type ResponseUrlPost, type EnvelopeType, type SocketModeAck,
  type WaitOptions, type Handler, type SlackWorkspace as FakeWorkspace, type IssuedToken, type OAuthSettings,
} from '../../src/sandbox/localSlack.ts'
