import { describe, expect, it } from 'vitest'
import { checkMetricEntry, goalActual, mayEnterGoal, runningTotals, type EntryRules } from '../../src/domain/metrics.ts'

describe('running totals', () => {
  it('adds day figures, lets a running total set the figure, and adds later days to it', () => {
    const totals = runningTotals([
      { onDate: '2026-12-03', mode: 'day', value: 5 },
      { onDate: '2026-12-01', mode: 'day', value: 10 },
      { onDate: '2026-12-02', mode: 'total', value: 40 },
    ])
    expect(totals).toEqual([
      { date: '2026-12-01', total: 10 },
      { date: '2026-12-02', total: 40 },
      { date: '2026-12-03', total: 45 },
    ])
  })

  it('keeps measures to hundredths, without float drift', () => {
    expect(goalActual([{ onDate: '2026-12-01', mode: 'day', value: 0.1 }, { onDate: '2026-12-02', mode: 'day', value: 0.2 }])).toEqual({ actual: 0.3, asOf: '2026-12-02' })
  })

  it('is nothing, as of no day, before any entry', () => {
    expect(goalActual([])).toEqual({ actual: 0, asOf: null })
  })
})

describe('checking an entry', () => {
  const counts: EntryRules = { isMoney: false, currencyFractionDigits: 2, campaignStart: '2026-12-01', campaignEnd: '2026-12-20', today: '2026-12-07' }
  const yuan: EntryRules = { ...counts, isMoney: true }

  it('reads a count with up to 2 decimals, a note trimmed, and defaults to the day\'s figure', () => {
    expect(checkMetricEntry({ value: '1,250.5', note: '  from GA  ', onDate: '2026-12-07' }, counts))
      .toEqual({ ok: true, value: { onDate: '2026-12-07', mode: 'day', value: 1250.5, note: 'from GA' } })
  })

  it('reads money into minor units of the currency', () => {
    expect(checkMetricEntry({ value: '¥1,234.56', mode: 'total', onDate: '2026-12-02' }, yuan))
      .toEqual({ ok: true, value: { onDate: '2026-12-02', mode: 'total', value: 123456, note: null } })
    expect(checkMetricEntry({ value: '12', onDate: '2026-12-02' }, { ...yuan, currencyFractionDigits: 0 })).toMatchObject({ ok: true, value: { value: 12 } })
  })

  it('takes zero, refuses negatives, too many decimals and words', () => {
    expect(checkMetricEntry({ value: '0', onDate: '2026-12-07' }, counts)).toMatchObject({ ok: true, value: { value: 0 } })
    expect(checkMetricEntry({ value: '-3', onDate: '2026-12-07' }, counts)).toEqual({ ok: false, errors: { value: { code: 'negative' } } })
    expect(checkMetricEntry({ value: '1.234', onDate: '2026-12-07' }, counts)).toEqual({ ok: false, errors: { value: { code: 'too_many_decimals' } } })
    expect(checkMetricEntry({ value: '12.345', onDate: '2026-12-07' }, yuan)).toEqual({ ok: false, errors: { value: { code: 'too_many_decimals' } } })
    expect(checkMetricEntry({ value: 'lots', onDate: '2026-12-07' }, counts)).toEqual({ ok: false, errors: { value: { code: 'not_a_number' } } })
    expect(checkMetricEntry({ onDate: '2026-12-07' }, counts)).toEqual({ ok: false, errors: { value: { code: 'required' } } })
  })

  it('allows a late entry for an earlier day of the campaign, never a future day or one outside it', () => {
    expect(checkMetricEntry({ value: '3', onDate: '2026-12-01' }, counts).ok).toBe(true)
    expect(checkMetricEntry({ value: '3', onDate: '2026-12-08' }, counts)).toEqual({ ok: false, errors: { onDate: { code: 'in_future' } } })
    expect(checkMetricEntry({ value: '3', onDate: '2026-11-30' }, counts)).toEqual({ ok: false, errors: { onDate: { code: 'before_start' } } })
    expect(checkMetricEntry({ value: '3', onDate: '2026-12-21' }, { ...counts, today: '2026-12-22' })).toEqual({ ok: false, errors: { onDate: { code: 'after_end' } } })
    expect(checkMetricEntry({ value: '3', onDate: '2026-02-30' }, counts)).toEqual({ ok: false, errors: { onDate: { code: 'invalid_date' } } })
    expect(checkMetricEntry({ value: '3' }, counts)).toEqual({ ok: false, errors: { onDate: { code: 'required' } } })
  })

  it('answers every bad field at once, and reads garbage as an empty form', () => {
    expect(checkMetricEntry({ value: 'x', note: 'n'.repeat(501), onDate: '2027-01-01' }, counts)).toEqual({
      ok: false, errors: { value: { code: 'not_a_number' }, note: { code: 'too_long', max: 500 }, onDate: { code: 'in_future' } },
    })
    expect(checkMetricEntry('nonsense', counts)).toEqual({ ok: false, errors: { value: { code: 'required' }, onDate: { code: 'required' } } })
  })
})

describe('who may enter a goal', () => {
  const campaign = { ownerId: 'U1' }
  it('is its data owner, the campaign owner or an admin', () => {
    expect(mayEnterGoal({ dataOwnerId: 'U3' }, campaign, { userId: 'U3', isWorkspaceAdmin: false })).toBe(true)
    expect(mayEnterGoal({ dataOwnerId: 'U3' }, campaign, { userId: 'U1', isWorkspaceAdmin: false })).toBe(true)
    expect(mayEnterGoal({ dataOwnerId: 'U3' }, campaign, { userId: 'U9', isWorkspaceAdmin: true })).toBe(true)
    expect(mayEnterGoal({ dataOwnerId: 'U3' }, campaign, { userId: 'U9', isWorkspaceAdmin: false })).toBe(false)
    expect(mayEnterGoal({ dataOwnerId: null }, campaign, { userId: 'U9', isWorkspaceAdmin: false })).toBe(false)
  })
})
