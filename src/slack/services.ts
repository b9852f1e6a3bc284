// What the listeners are given: the store, the people directory, the dispatcher and the clock.
import type { Clock } from '../clock.ts'
import type { Dispatcher } from '../jobs/dispatcher.ts'
import type { Logger } from '../logger.ts'
import type { Store } from '../store/store.ts'
import type { PeopleDirectory } from './people.ts'
import type { ChannelReach } from './proposal/channelReach.ts'

export type Services = {
  store: Store
  people: PeopleDirectory
  dispatcher: Dispatcher
  clock: Clock
  logger: Logger
  /** Channels the app can post in, remembered; filled at start by slack/prefetch.ts (single workspace). */
  channelReach?: ChannelReach
}
