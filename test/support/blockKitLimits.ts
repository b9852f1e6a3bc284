// Slack's Block Kit limits, checked by the local Slack on every view and message (src/sandbox/).
export { checkMessage, checkView, NO_TEXT } from '../../src/sandbox/blockKitLimits.ts'
