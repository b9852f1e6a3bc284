// The figures API's reading of a request: zod's shape with each refusal naming its field, the goal
// found by id or by metric name in either language, and the entry checked as the modal checks it.
import { describe, expect, it } from 'vitest'
import { checkRequestEntry, findGoal, readMetricRequest, type MetricRequest } from '../../src/api/request.ts'
import type { LiveGoal } from '../../src/store/metrics.ts'

const goal = (id: number, metric: LiveGoal['metric'], customMetric: string | null = null): LiveGoal => ({
  id, metric, customMetric, unit: null, target: 100, basisKind: 'reasoned', basis: '', pastCampaignIds: [], dataOwnerId: null,
  curve: 'linear', isMoney: metric === 'revenue', actual: 0, actualAsOf: null, entries: [],
})
const goals = [goal(1, 'signups'), goal(2, 'revenue'), goal(3, 'custom', 'Store visits'), goal(4, 'orders'), goal(5, 'orders')]
const good = { campaignId: 7, metric: 'signups', date: '2026-12-06', value: 12 }

describe('reading a figure request', () => {
  it('takes a good body, with kind defaulting to the day\'s own figure', () => {
    expect(readMetricRequest(good)).toEqual({ ok: true, request: { ...good, kind: 'day' } })
    expect(readMetricRequest({ ...good, metric: undefined, goalId: 3, value: '1,200', kind: 'total', note: null }).ok).toBe(true)
  })

  it.each([
    [null, 'invalid_body', null],
    ['text', 'invalid_body', null],
    [{ ...good, campaignId: undefined }, 'required', 'campaignId'],
    [{ ...good, date: undefined }, 'required', 'date'],
    [{ ...good, value: undefined }, 'required', 'value'],
    [{ ...good, value: true }, 'invalid', 'value'],
    [{ ...good, campaignId: 0 }, 'invalid', 'campaignId'],
    [{ ...good, campaignId: 1.5 }, 'invalid', 'campaignId'],
    [{ ...good, kind: 'week' }, 'invalid', 'kind'],
    [{ ...good, goalId: 1 }, 'goal_or_metric', 'goalId'],
    [{ ...good, metric: undefined }, 'goal_or_metric', 'goalId'],
    [{ ...good, metric: '   ' }, 'invalid', 'metric'],
    [{ ...good, valeu: 1, value: undefined }, 'unknown_field', null],
  ])('refuses %j with %s on %s', (body, code, field) => {
    const read = readMetricRequest(body)
    expect(read.ok).toBe(false)
    if (!read.ok) expect([read.error.code, read.error.field]).toEqual([code, field])
  })
})

describe('finding the goal a request names', () => {
  it.each([
    ['signups', 1], ['sign-ups', 1], ['Sign ups', 1], ['注册数', 1], ['REVENUE', 2], ['销售额', 2], ['store visits', 3],
  ])('finds %s', (metric, id) => {
    const found = findGoal(goals, { metric })
    expect(found.ok && found.goal.id).toBe(id)
  })

  it('says which goals when a metric names more than one, and 404 for none', () => {
    expect(findGoal(goals, { metric: 'orders' })).toMatchObject({ ok: false, status: 400, error: { code: 'ambiguous_metric', field: 'metric' } })
    expect(findGoal(goals, { metric: 'followers' })).toMatchObject({ ok: false, status: 404, error: { code: 'goal_not_found', field: 'metric' } })
    expect(findGoal(goals, { goalId: 5 })).toMatchObject({ ok: true, goal: { id: 5 } })
    expect(findGoal(goals, { goalId: 9 })).toMatchObject({ ok: false, status: 404, error: { code: 'goal_not_found', field: 'goalId' } })
  })
})

describe('checking the entry as the modal does', () => {
  const figures = { campaign: { startDate: '2026-12-01', endDate: '2026-12-20' } as never, currency: 'JPY' }
  const request = (over: Partial<MetricRequest>): MetricRequest => ({ ...good, kind: 'day', ...over })

  it('reads money in the plan\'s currency into minor units, and a count with up to 2 decimals', () => {
    expect(checkRequestEntry(request({ value: '1,500' }), goal(2, 'revenue'), figures, '2026-12-07')).toEqual({ ok: true, entry: { onDate: '2026-12-06', mode: 'day', value: 1500, note: null } })
    expect(checkRequestEntry(request({ value: 12.5 }), goal(1, 'signups'), figures, '2026-12-07')).toMatchObject({ ok: true, entry: { value: 12.5 } })
  })

  it.each([
    [{ value: '1.5' }, 2, 'too_many_decimals', 'value'],
    [{ value: 1.234 }, 1, 'too_many_decimals', 'value'],
    [{ value: 1e21 }, 1, 'not_a_number', 'value'],
    [{ date: '2026-12-08' }, 1, 'in_future', 'date'],
    [{ date: '2026-11-30' }, 1, 'before_start', 'date'],
    [{ date: '2026-02-30' }, 1, 'invalid_date', 'date'],
    [{ note: 'x'.repeat(501) }, 1, 'too_long', 'note'],
  ])('refuses %j (goal %i) with %s on %s', (over, goalId, code, field) => {
    const checked = checkRequestEntry(request(over as Partial<MetricRequest>), goals.find((g) => g.id === goalId)!, figures, '2026-12-07')
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect([checked.error.code, checked.error.field]).toEqual([code, field])
  })
})
