// The metric prompt's decision at delivery: send (for the goals still without the day's figure) or drop, and why.
import { describe, expect, it } from 'vitest'
import type { Campaign } from '../../src/domain/campaign.ts'
import type { DueItem } from '../../src/domain/livePlanner.ts'
import { promptWaiting } from '../../src/slack/live/metricPrompt.ts'
import type { CampaignFigures, LiveGoal } from '../../src/store/metrics.ts'

type PromptItem = Extract<DueItem, { kind: 'metric_prompt' }>
const item: PromptItem = {
  kind: 'metric_prompt', key: 'metric-prompt:1:U4:2026-12-07', teamId: 'T1', campaignId: 1, day: '2026-12-07', userId: 'U4', goalIds: [11, 12], timeZone: 'Asia/Shanghai',
}
const goal = (id: number, entryDays: string[]): LiveGoal => ({
  id, metric: 'signups', customMetric: null, unit: null, target: 1000, basisKind: 'reasoned', basis: 'b', pastCampaignIds: [], dataOwnerId: 'U4',
  curve: 'linear', isMoney: false, actual: 0, actualAsOf: null,
  entries: entryDays.map((onDate, i) => ({ id: i + 1, goalId: id, onDate, mode: 'day', value: 1, note: null, reportedBy: 'U4', source: 'typed', version: 0 })),
})
const figures = (campaign: Partial<Campaign>, goals: LiveGoal[]): CampaignFigures => ({
  campaign: { id: 1, teamId: 'T1', name: 'C', stage: 'live', pausedAt: null, startDate: '2026-12-01', endDate: '2026-12-20', ownerId: 'U1', ...campaign } as Campaign,
  currency: 'USD', paceMarginPercent: 15, goals,
})

describe('whether a metric prompt is sent when delivered', () => {
  it('asks only for the goals still without the day\'s figure', () => {
    const waiting = promptWaiting(item, figures({}, [goal(11, ['2026-12-07']), goal(12, ['2026-12-06'])]), '2026-12-07')
    expect('goals' in waiting && waiting.goals.map((g) => g.id)).toEqual([12])
  })

  it('drops it once every goal has the figure, when the campaign is paused or over, and when its day has passed', () => {
    expect(promptWaiting(item, figures({}, [goal(11, ['2026-12-07']), goal(12, ['2026-12-07'])]), '2026-12-07')).toEqual({ drop: 'already_entered' })
    expect(promptWaiting(item, figures({ pausedAt: new Date() }, [goal(11, [])]), '2026-12-07')).toEqual({ drop: 'not_live' })
    expect(promptWaiting(item, figures({ stage: 'retrospective' }, [goal(11, [])]), '2026-12-07')).toEqual({ drop: 'not_live' })
    expect(promptWaiting(item, null, '2026-12-07')).toEqual({ drop: 'not_live' })
    expect(promptWaiting(item, figures({}, [goal(11, [])]), '2026-12-08')).toEqual({ drop: 'stale' })
  })
})
