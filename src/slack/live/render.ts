// Renders what the live stage's planner wrote to the outbox, when the dispatcher delivers it: each
// kind of due thing has its renderer here, reading things as they are at that moment (a digest
// shows the latest figures; a reminder for a task finished meanwhile is dropped, not sent).
import type { DueKind } from '../../domain/livePlanner.ts'
import type { LiveRendering } from '../../jobs/deliveries.ts'
import type { OutboxMessage } from '../../store/outbox.ts'
import { renderDigest, renderPaceAlert } from './digest.ts'
import { renderMetricPrompt } from './metricPrompt.ts'
import { renderAwayNotice, renderGoneNotice } from './notices.ts'
import { renderReminder } from './reminder.ts'
import type { LiveRenderContext, LiveRenderer } from './renderContext.ts'


const renderers: { [K in DueKind]: LiveRenderer<K> } = {
  digest: renderDigest,
  pace_alert: renderPaceAlert,
  reminder: renderReminder,
  metric_prompt: renderMetricPrompt,
  away_notice: renderAwayNotice,
  gone_notice: renderGoneNotice,
}

export function liveRenderer(context: LiveRenderContext): (message: OutboxMessage) => Promise<LiveRendering> {
  return async (message) => {
    const item = message.payload.live!
    const render = renderers[item.kind] as LiveRenderer<typeof item.kind>
    return render(item as never, context)
  }
}
