// What a live-stage renderer is given and what it is: its own module, so the renderers and the
// table that picks one (render.ts) both import it and neither imports the other back.
import type { Clock } from '../../clock.ts'
import type { DueItem, DueKind } from '../../domain/livePlanner.ts'
import type { LiveRendering } from '../../jobs/deliveries.ts'
import type { Logger } from '../../logger.ts'
import type { Store } from '../../store/store.ts'
import type { PeopleDirectory } from '../people.ts'

export type LiveRenderContext = { store: Store; people: PeopleDirectory; clock: Clock; logger: Logger }

export type LiveRenderer<K extends DueKind> = (item: Extract<DueItem, { kind: K }>, context: LiveRenderContext) => Promise<LiveRendering>
