// Signed requests as Slack sends them, shared with the sandbox (src/sandbox/slackRequests.ts).
export * from '../../src/sandbox/slackRequests.ts'
