// The OAuth `state` of an install: signed and dated by @slack/oauth's own ClearStateStore (under
// SLACK_STATE_SECRET, ten minutes), and single-use. Bolt's default store accepts a replayed state
// together with its cookie; here the first use is recorded in the database, so every instance
// refuses a second one. Both ends read the app's clock.
import { createHash } from 'node:crypto'
import oauth, { InvalidStateError, type StateStore } from '@slack/oauth'
import type { Clock } from '../../clock.ts'
import type { InstallationStore } from '../../store/installations.ts'

/** How long an install link (its state) lives, as Bolt's cookie does. */
export const stateLifetimeSeconds = 600

// Node's ESM loader does not see ClearStateStore among the CommonJS package's named exports.
const { ClearStateStore } = oauth

export function singleUseStateStore(options: { stateSecret: string; installations: InstallationStore; clock: Clock }): StateStore {
  const signed = new ClearStateStore(options.stateSecret, stateLifetimeSeconds)
  return {
    generateStateParam: (installOptions) => signed.generateStateParam(installOptions, options.clock.now()),
    async verifyStateParam(_now, state) {
      // Forged (bad signature) or expired: ClearStateStore throws InvalidStateError.
      const installOptions = await signed.verifyStateParam(options.clock.now(), state)
      const hash = createHash('sha256').update(state).digest('hex')
      if (!(await options.installations.useState(hash, options.clock.now()))) throw new InvalidStateError('The state was used already')
      return installOptions
    },
  }
}
