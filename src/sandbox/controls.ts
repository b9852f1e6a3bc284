// What the page server drives (server.ts) and the sandbox provides (sandbox.ts): its own module,
// so neither of the two imports the other back.
import type { RunningCampaignDesk } from '../campaignDesk.ts'
import type { SandboxClock } from './clock.ts'
import type { LocalSlack } from './localSlack.ts'
import type { SlackClient } from './slackClient.ts'

/** The local Slack, the app and the client that plays the people, as they are now (a reset makes new ones). */
export type SandboxWorld = { slack: LocalSlack; app: RunningCampaignDesk; client: SlackClient }

export type SandboxControls = {
  clock: SandboxClock
  world(): SandboxWorld
  /** Moves the clock to `to`, running the scheduler on the way (see moveClock in sandbox.ts). */
  moveClock(to: Date): Promise<void>
  /** Back to the seeded workspace, an empty database and the clock at now. */
  reset(): Promise<void>
}
