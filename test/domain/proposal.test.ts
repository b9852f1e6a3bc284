import { describe, expect, it } from 'vitest'
import { checkProposal, proposalFields, proposalLimits, sentenceCount } from '../../src/domain/proposal.ts'

// Every test runs on the same fixed day: Tuesday 10 March 2026.
const today = '2026-03-10'

/** A proposal that passes: a 14-day site campaign starting next week. */
const valid = {
  name: 'Spring Sale',
  theme: 'Fresh starts for spring',
  basicContent: 'Everything 20% off for two weeks. Members get free shipping.',
  kind: 'own_site',
  platform: null,
  platformOther: null,
  timingNode: 'sales_peak',
  timingNote: null,
  startDate: '2026-03-16',
  endDate: '2026-03-29',
  channelId: 'C0MARKETING',
  ownerId: 'U0OWNER',
  approverId: 'U0APPROVER',
}

function errorsOf(input: unknown, on = today) {
  const result = checkProposal(input, on)
  if (result.ok) throw new Error(`expected errors, got a valid proposal: ${JSON.stringify(result.proposal)}`)
  return result.errors
}

describe('sentenceCount', () => {
  it('counts English sentences', () => {
    expect(sentenceCount('Buy one.')).toBe(1)
    expect(sentenceCount('Buy one. Get one free!')).toBe(2)
    expect(sentenceCount('Buy one. Get one free! Is that not great?')).toBe(3)
  })

  it('counts Chinese sentences ended by 。！？', () => {
    expect(sentenceCount('买一送一。')).toBe(1)
    expect(sentenceCount('买一送一。限时三天！')).toBe(2)
    expect(sentenceCount('买一送一。限时三天！还等什么？')).toBe(3)
  })

  it('counts text without a final stop as a sentence, and punctuation alone as none', () => {
    expect(sentenceCount('Twenty percent off everything')).toBe(1)
    expect(sentenceCount('')).toBe(0)
    expect(sentenceCount('... !!! 。')).toBe(0)
  })
})

describe('checkProposal — a valid proposal', () => {
  it('passes, trims its text, and a 14-day window gives no warning', () => {
    const result = checkProposal({ ...valid, name: '  Spring Sale  ', theme: ' Fresh starts for spring ' }, today)
    expect(result).toEqual({ ok: true, proposal: { ...valid, name: 'Spring Sale', theme: 'Fresh starts for spring' }, warning: null })
  })

  it('drops the platform of a site campaign, whatever the form still held', () => {
    const result = checkProposal({ ...valid, kind: 'own_site', platform: 'other', platformOther: 'Zhihu' }, today)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.proposal.platform).toBeNull()
    expect(result.proposal.platformOther).toBeNull()
  })

  it('drops the "other platform" name when the platform is a listed one', () => {
    const result = checkProposal({ ...valid, kind: 'platform', platform: 'weibo', platformOther: 'Zhihu' }, today)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.proposal.platform).toBe('weibo')
    expect(result.proposal.platformOther).toBeNull()
  })

  it('keeps the "other platform" name when the platform is other', () => {
    const result = checkProposal({ ...valid, kind: 'platform', platform: 'other', platformOther: ' Zhihu ' }, today)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.proposal.platform).toBe('other')
    expect(result.proposal.platformOther).toBe('Zhihu')
  })

  it('treats missing optional fields as null', () => {
    const { platform: _p, platformOther: _o, timingNote: _n, ...required } = valid
    const result = checkProposal(required, today)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.proposal).toMatchObject({ platform: null, platformOther: null, timingNote: null })
  })

  it('accepts text exactly at each limit', () => {
    const result = checkProposal({
      ...valid,
      name: 'n'.repeat(proposalLimits.name),
      theme: 't'.repeat(proposalLimits.theme),
      basicContent: 'c'.repeat(proposalLimits.basicContent),
      timingNode: 'holiday',
      timingNote: 'h'.repeat(proposalLimits.timingNote),
    }, today)
    expect(result.ok).toBe(true)
  })
})

describe('checkProposal — required text', () => {
  it.each(['name', 'theme', 'basicContent'] as const)('an empty %s is required', (field) => {
    expect(errorsOf({ ...valid, [field]: '' })[field]).toEqual({ code: 'required' })
  })

  it.each(['name', 'theme', 'basicContent'] as const)('a whitespace-only %s counts as empty', (field) => {
    expect(errorsOf({ ...valid, [field]: ' \t\n\u3000 ' })[field]).toEqual({ code: 'required' })
  })

  it('reports every empty field at once, each on its own field', () => {
    const errors = errorsOf({ ...valid, name: '', theme: '   ', basicContent: '' })
    expect(errors).toEqual({ name: { code: 'required' }, theme: { code: 'required' }, basicContent: { code: 'required' } })
  })
})

describe('checkProposal — too long', () => {
  it.each([
    ['name', proposalLimits.name, 80],
    ['theme', proposalLimits.theme, 150],
    ['basicContent', proposalLimits.basicContent, 500],
  ] as const)('%s longer than its limit is too_long with the max', (field, limit, expected) => {
    expect(limit).toBe(expected)
    expect(errorsOf({ ...valid, [field]: 'x'.repeat(limit + 1) })[field]).toEqual({ code: 'too_long', max: limit })
  })

  it('a timing note over 200 characters is too_long with max 200', () => {
    const errors = errorsOf({ ...valid, timingNode: 'holiday', timingNote: 'x'.repeat(201) })
    expect(errors.timingNote).toEqual({ code: 'too_long', max: 200 })
  })

  it('an "other platform" name over 50 characters is too_long with max 50', () => {
    const errors = errorsOf({ ...valid, kind: 'platform', platform: 'other', platformOther: 'x'.repeat(51) })
    expect(errors.platformOther).toEqual({ code: 'too_long', max: 50 })
  })

  it('measures the length after trimming', () => {
    expect(checkProposal({ ...valid, name: `  ${'n'.repeat(80)}  ` }, today).ok).toBe(true)
  })

  it('counts Chinese characters one each', () => {
    expect(checkProposal({ ...valid, name: '春'.repeat(80) }, today).ok).toBe(true)
    expect(errorsOf({ ...valid, name: '春'.repeat(81) }).name).toEqual({ code: 'too_long', max: 80 })
  })
})

describe('checkProposal — basic content in 1–2 sentences', () => {
  it('two English sentences are fine', () => {
    expect(checkProposal({ ...valid, basicContent: 'Twenty percent off. Free shipping for members.' }, today).ok).toBe(true)
  })

  it('three English sentences are too_many_sentences', () => {
    const errors = errorsOf({ ...valid, basicContent: 'Twenty percent off. Free shipping for members. Ends Sunday!' })
    expect(errors).toEqual({ basicContent: { code: 'too_many_sentences' } })
  })

  it('two Chinese sentences are fine', () => {
    expect(checkProposal({ ...valid, basicContent: '全场八折。会员包邮！' }, today).ok).toBe(true)
  })

  it('three Chinese sentences (。！？) are too_many_sentences', () => {
    expect(errorsOf({ ...valid, basicContent: '全场八折。会员包邮！还等什么？' }).basicContent).toEqual({ code: 'too_many_sentences' })
  })
})

describe('checkProposal — platform', () => {
  it('a platform campaign without a platform is platform_required', () => {
    expect(errorsOf({ ...valid, kind: 'platform', platform: null })).toEqual({ platform: { code: 'platform_required' } })
    expect(errorsOf({ ...valid, kind: 'platform', platform: undefined })).toEqual({ platform: { code: 'platform_required' } })
  })

  it('platform "other" without its name is platform_other_required', () => {
    expect(errorsOf({ ...valid, kind: 'platform', platform: 'other', platformOther: null })).toEqual({
      platformOther: { code: 'platform_other_required' },
    })
    expect(errorsOf({ ...valid, kind: 'platform', platform: 'other', platformOther: '   ' })).toEqual({
      platformOther: { code: 'platform_other_required' },
    })
  })

  it('an unknown platform or kind is refused on its field', () => {
    expect(errorsOf({ ...valid, kind: 'platform', platform: 'myspace' }).platform).toBeDefined()
    expect(errorsOf({ ...valid, kind: 'billboard' }).kind).toBeDefined()
  })
})

describe('checkProposal — timing node', () => {
  it.each(['holiday', 'competitor_response', 'other'])('%s without a note is timing_note_required', (timingNode) => {
    expect(errorsOf({ ...valid, timingNode, timingNote: null })).toEqual({ timingNote: { code: 'timing_note_required' } })
    expect(errorsOf({ ...valid, timingNode, timingNote: '  ' })).toEqual({ timingNote: { code: 'timing_note_required' } })
  })

  it.each(['holiday', 'competitor_response', 'other'])('%s with a note passes', (timingNode) => {
    expect(checkProposal({ ...valid, timingNode, timingNote: 'Qingming' }, today).ok).toBe(true)
  })

  it.each(['sales_peak', 'periodic_promotion'])('%s needs no note', (timingNode) => {
    expect(checkProposal({ ...valid, timingNode, timingNote: null }, today).ok).toBe(true)
  })

  it('a missing timing node is required; one the form never offered is refused as such', () => {
    expect(errorsOf({ ...valid, timingNode: undefined }).timingNode).toEqual({ code: 'required' })
    expect(errorsOf({ ...valid, timingNode: 'whenever' }).timingNode).toEqual({ code: 'not_offered' })
    expect(errorsOf({ ...valid, kind: 'pop_up_shop' }).kind).toEqual({ code: 'not_offered' })
    expect(errorsOf({ ...valid, kind: 'platform', platform: 'myspace' }).platform).toEqual({ code: 'not_offered' })
  })
})

describe('checkProposal — dates', () => {
  it('a start before today is start_in_past', () => {
    expect(errorsOf({ ...valid, startDate: '2026-03-09', endDate: '2026-03-20' })).toEqual({ startDate: { code: 'start_in_past' } })
  })

  it('a start today is fine', () => {
    expect(checkProposal({ ...valid, startDate: today, endDate: '2026-03-20' }, today).ok).toBe(true)
  })

  it('"today" is the date passed in, not the real clock', () => {
    const proposal = { ...valid, startDate: '2031-01-01', endDate: '2031-01-14' }
    expect(checkProposal(proposal, '2031-01-01').ok).toBe(true)
    expect(errorsOf(proposal, '2031-01-02')).toEqual({ startDate: { code: 'start_in_past' } })
  })

  it('an end on the start day is end_not_after_start', () => {
    expect(errorsOf({ ...valid, startDate: '2026-03-16', endDate: '2026-03-16' })).toEqual({ endDate: { code: 'end_not_after_start' } })
  })

  it('an end before the start is end_not_after_start', () => {
    expect(errorsOf({ ...valid, startDate: '2026-03-16', endDate: '2026-03-15' })).toEqual({ endDate: { code: 'end_not_after_start' } })
  })

  it('reports a past start and a reversed window together', () => {
    expect(errorsOf({ ...valid, startDate: '2026-03-01', endDate: '2026-02-20' })).toEqual({
      startDate: { code: 'start_in_past' },
      endDate: { code: 'end_not_after_start' },
    })
  })

  it.each(['2026-02-30', '2026-13-01', '16/03/2026', 'next week', ''])('%j is invalid_date', (bad) => {
    expect(errorsOf({ ...valid, startDate: bad }).startDate).toEqual({ code: 'invalid_date' })
    expect(errorsOf({ ...valid, endDate: bad }).endDate).toEqual({ code: 'invalid_date' })
  })

  it('a leap day is a real date', () => {
    expect(checkProposal({ ...valid, startDate: '2028-02-20', endDate: '2028-02-29' }, today).ok).toBe(true)
  })
})

describe('checkProposal — window length is a warning, not a refusal', () => {
  it('6 days passes with a too_short warning', () => {
    expect(checkProposal({ ...valid, startDate: '2026-03-16', endDate: '2026-03-21' }, today)).toMatchObject({
      ok: true, warning: { kind: 'too_short', days: 6 },
    })
  })

  it('2 days (the shortest allowed) passes with a too_short warning', () => {
    expect(checkProposal({ ...valid, startDate: '2026-03-16', endDate: '2026-03-17' }, today)).toMatchObject({
      ok: true, warning: { kind: 'too_short', days: 2 },
    })
  })

  it('7 and 28 days pass without a warning', () => {
    expect(checkProposal({ ...valid, startDate: '2026-03-16', endDate: '2026-03-22' }, today)).toMatchObject({ ok: true, warning: null })
    expect(checkProposal({ ...valid, startDate: '2026-03-16', endDate: '2026-04-12' }, today)).toMatchObject({ ok: true, warning: null })
  })

  it('29 days and three months pass with a too_long warning', () => {
    expect(checkProposal({ ...valid, startDate: '2026-03-16', endDate: '2026-04-13' }, today)).toMatchObject({
      ok: true, warning: { kind: 'too_long', days: 29 },
    })
    expect(checkProposal({ ...valid, startDate: '2026-03-16', endDate: '2026-06-15' }, today)).toMatchObject({
      ok: true, warning: { kind: 'too_long', days: 92 },
    })
  })
})

describe('checkProposal — Slack ids', () => {
  it.each(['channelId', 'ownerId', 'approverId'] as const)('a missing or malformed %s is required', (field) => {
    expect(errorsOf({ ...valid, [field]: '' })[field]).toEqual({ code: 'required' })
    expect(errorsOf({ ...valid, [field]: 'not an id' })[field]).toEqual({ code: 'required' })
    expect(errorsOf({ ...valid, [field]: undefined })[field]).toEqual({ code: 'required' })
  })
})

describe('checkProposal — malformed input gives errors, never a throw', () => {
  const knownFields = new Set<string>(proposalFields)

  it('numbers and nulls where text is expected', () => {
    const input = { ...valid, name: 42, theme: null, basicContent: 7, kind: 3, timingNode: null, startDate: 20260316, endDate: null, channelId: 1 }
    expect(() => checkProposal(input, today)).not.toThrow()
    expect(errorsOf(input)).toMatchObject({
      name: { code: 'required' },
      theme: { code: 'required' },
      basicContent: { code: 'required' },
      // A value, though not one of the choices: the form never offered it.
      kind: { code: 'not_offered' },
      timingNode: { code: 'required' },
      startDate: { code: 'required' },
      endDate: { code: 'required' },
      channelId: { code: 'required' },
    })
  })

  it('a wrong type in an optional field', () => {
    const errors = errorsOf({ ...valid, kind: 'platform', platform: 9, platformOther: {}, timingNote: ['x'] })
    expect(Object.keys(errors).sort()).toEqual(['platform', 'platformOther', 'timingNote'])
  })

  it('an empty object: every required field is required', () => {
    const errors = errorsOf({})
    for (const field of ['name', 'theme', 'basicContent', 'kind', 'timingNode', 'startDate', 'endDate', 'channelId', 'ownerId', 'approverId'] as const) {
      expect(errors[field], field).toEqual({ code: 'required' })
    }
    expect(errors.platform).toBeUndefined()
    expect(errors.timingNote).toBeUndefined()
  })

  it('extra keys are ignored, not copied into the proposal', () => {
    const result = checkProposal({ ...valid, stage: 'live', __proto__: { admin: true } }, today)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.proposal).not.toHaveProperty('stage')
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'Spring Sale'],
    ['an array', [valid]],
  ])('%s is refused, with errors only on proposal fields', (_label, input) => {
    expect(() => checkProposal(input, today)).not.toThrow()
    const errors = errorsOf(input)
    expect(Object.keys(errors).length).toBeGreaterThan(0)
    // The Slack layer shows each error under the block of its field: an error on no field is lost.
    for (const key of Object.keys(errors)) expect(knownFields.has(key), `error key ${JSON.stringify(key)}`).toBe(true)
  })
})
