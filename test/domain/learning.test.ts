import { describe, expect, it } from 'vitest'
import {
  bySimilarity, lessonsNewestFirst, lessonsOfMostSimilar, quantile, similarity, suggestTarget, suggestTargets,
  type Lesson, type LearningTarget, type PastCampaign,
} from '../../src/domain/learning.ts'

const target: LearningTarget = { teamId: 'T1', campaignId: 99, purpose: 'sales', kind: 'platform', platform: 'weibo', currency: 'CNY' }

let nextId = 1
function past(overrides: Partial<PastCampaign> & { signups?: number }): PastCampaign {
  const id = overrides.id ?? nextId++
  return {
    id, teamId: 'T1', name: `C${id}`, stage: 'closed', endDate: '2026-06-01', currency: 'CNY',
    purpose: 'sales', kind: 'platform', platform: 'weibo',
    goals: overrides.signups === undefined ? [] : [{ metric: 'signups', customMetric: null, unit: null, achieved: overrides.signups }],
    ...overrides,
  }
}

describe('similarity', () => {
  it('counts the shared purpose, kind and platform; unknowns match nothing', () => {
    expect(similarity(target, { purpose: 'sales', kind: 'platform', platform: 'weibo' })).toBe(3)
    expect(similarity(target, { purpose: 'brand_awareness', kind: 'platform', platform: 'douyin' })).toBe(1)
    expect(similarity({ purpose: null, kind: 'own_site', platform: null }, { purpose: null, kind: 'own_site', platform: null })).toBe(1)
    expect(similarity(target, { purpose: 'brand_awareness', kind: 'own_site', platform: null })).toBe(0)
  })

  it('ranks by score, then by the latest end date', () => {
    const a = past({ id: 1, endDate: '2026-01-01' })
    const b = past({ id: 2, endDate: '2026-03-01' })
    const c = past({ id: 3, endDate: '2026-09-01', platform: 'douyin' })
    expect(bySimilarity(target, [a, c, b]).map((x) => x.id)).toEqual([2, 1, 3])
  })
})

describe('quantile', () => {
  it('interpolates between ranks as spreadsheets do', () => {
    expect(quantile([100, 200, 300, 400], 0.5)).toBe(250)
    expect(quantile([100, 200, 300, 400], 0.25)).toBe(175)
    expect(quantile([7], 0.25)).toBe(7)
  })
})

describe('suggestTarget', () => {
  it('gives the median and lower quartile of similar closed campaigns, naming them most similar first', () => {
    const campaigns = [
      past({ id: 1, signups: 400, endDate: '2026-01-01' }),
      past({ id: 2, signups: 100, endDate: '2026-05-01' }),
      past({ id: 3, signups: 300, purpose: 'brand_awareness', endDate: '2026-07-01' }),
      past({ id: 4, signups: 200, kind: 'own_site', platform: null, purpose: 'sales' }),
    ]
    const suggestion = suggestTarget(target, campaigns, 'signups')
    expect(suggestion).toEqual({ metric: 'signups', median: 250, lowerQuartile: 175, campaigns: [{ id: 2, name: 'C2' }, { id: 1, name: 'C1' }, { id: 3, name: 'C3' }, { id: 4, name: 'C4' }] })
  })

  it('leaves out other workspaces, campaigns not closed, the campaign itself and unrelated ones', () => {
    const campaigns = [
      past({ id: 5, signups: 1000, teamId: 'T2' }),
      past({ id: 6, signups: 1000, stage: 'retrospective' }),
      past({ id: 99, signups: 1000 }),
      past({ id: 7, signups: 1000, purpose: 'brand_awareness', kind: 'own_site', platform: null }),
    ]
    expect(suggestTarget(target, campaigns, 'signups')).toBeNull()
    expect(suggestTargets(target, campaigns)).toEqual([])
  })

  it('counts revenue only in the same currency', () => {
    const revenue = (achieved: number, currency: string, id: number) => past({ id, currency, goals: [{ metric: 'revenue', customMetric: null, unit: null, achieved }] })
    const suggestion = suggestTarget(target, [revenue(10_000, 'USD', 11), revenue(30_001, 'CNY', 12), revenue(50_000, 'CNY', 13)], 'revenue')
    expect(suggestion?.campaigns.map((c) => c.id)).toEqual([13, 12])
    expect(suggestion?.median).toBe(40_001) // money stays whole minor units
    expect(suggestion?.lowerQuartile).toBe(35_001)
  })

  it('offers a suggestion per metric with data', () => {
    const suggestions = suggestTargets(target, [past({ signups: 10 }), past({ goals: [{ metric: 'orders', customMetric: null, unit: null, achieved: 3 }] })])
    expect(suggestions.map((s) => s.metric)).toEqual(['signups', 'orders'])
  })
})

describe('lessons', () => {
  const lesson = (campaignId: number, endDate: string, extra: Partial<Lesson> = {}): Lesson => ({
    campaignId, campaignName: `C${campaignId}`, endDate, respondentId: 'U1', lesson: `lesson of ${campaignId}`,
    purpose: 'sales', kind: 'platform', platform: 'weibo', ...extra,
  })

  it('takes every lesson of the three most similar campaigns', () => {
    const lessons = [
      lesson(1, '2026-01-01'), lesson(1, '2026-01-01', { respondentId: 'U2' }), lesson(2, '2026-02-01'), lesson(3, '2026-03-01'),
      lesson(4, '2026-12-01', { purpose: 'brand_awareness', kind: 'own_site', platform: null }), lesson(5, '2025-01-01'),
    ]
    expect(lessonsOfMostSimilar(target, lessons).map((l) => l.campaignId)).toEqual([3, 2, 1, 1])
  })

  it('lists newest first, filtered by purpose, kind or platform', () => {
    const lessons = [lesson(1, '2026-01-01'), lesson(2, '2026-02-01', { platform: 'douyin' }), lesson(3, '2026-03-01', { purpose: 'brand_awareness' })]
    expect(lessonsNewestFirst(lessons, null).map((l) => l.campaignId)).toEqual([3, 2, 1])
    expect(lessonsNewestFirst(lessons, { platform: 'douyin' }).map((l) => l.campaignId)).toEqual([2])
    expect(lessonsNewestFirst(lessons, { purpose: 'sales' }).map((l) => l.campaignId)).toEqual([2, 1])
    expect(lessonsNewestFirst(lessons, { kind: 'own_site' })).toEqual([])
  })
})
