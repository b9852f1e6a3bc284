import { describe, expect, it } from 'vitest'
import { checkGoal, checkPurpose, checkRisk, checkServicePlan, checkTargetUsers, checkWindow, planLimits, type FormCheck } from '../../src/domain/plan.ts'
import { checkContentRules, checkPrize, checkPromotionItem } from '../../src/domain/planPromotion.ts'
import { checkEffectEstimate } from '../../src/domain/planBudget.ts'

// Every test runs on the same fixed day: Tuesday 10 March 2026, for a campaign of 1–14 April.
const today = '2026-03-10'
const window = { startDate: '2026-04-01', endDate: '2026-04-14' }
const CNY = 2

function valueOf<V>(result: FormCheck<V, string>): V {
  if (!result.ok) throw new Error(`expected a valid value, got ${JSON.stringify(result.errors)}`)
  return result.value
}
function errorsOf<V>(result: FormCheck<V, string> | { ok: false; errors: object } | { ok: true }) {
  if (result.ok) throw new Error('expected errors, got a valid value')
  return (result as { errors: object }).errors
}

describe('checkPurpose', () => {
  it('keeps one purpose and the chosen levers, once each, in their listed order', () => {
    expect(valueOf(checkPurpose({ purpose: 'sales', levers: ['exposure', 'acquisition', 'exposure'], productState: ' Just launched ' })))
      .toEqual({ purpose: 'sales', levers: ['acquisition', 'exposure'], productState: 'Just launched' })
  })

  it('treats an empty product note as none', () => {
    expect(valueOf(checkPurpose({ purpose: 'brand_awareness', levers: ['exposure'], productState: '  ' })).productState).toBeNull()
  })

  it('requires a purpose and at least one lever', () => {
    expect(errorsOf(checkPurpose({ levers: [] }))).toEqual({ purpose: { code: 'required' }, levers: { code: 'required' } })
    expect(errorsOf(checkPurpose({ purpose: 'fame', levers: ['magic'] }))).toMatchObject({ purpose: { code: 'required' } })
  })

  it('reads anything but a form as an empty form', () => {
    expect(errorsOf(checkPurpose('sales'))).toEqual({ purpose: { code: 'required' }, levers: { code: 'required' } })
    expect(errorsOf(checkPurpose(null))).toHaveProperty('purpose')
  })

  it('limits the product note', () => {
    const productState = 'x'.repeat(planLimits.productState + 1)
    expect(errorsOf(checkPurpose({ purpose: 'sales', levers: ['activation'], productState })))
      .toEqual({ productState: { code: 'too_long', max: planLimits.productState } })
  })
})

describe('checkGoal', () => {
  const goal = {
    metric: 'signups', customMetric: null, unit: 'people', target: '1,500', basisKind: 'reasoned',
    basis: 'Last spring sale brought 1,200 sign-ups; the budget is 20% larger.', pastCampaignIds: [], dataOwnerId: 'U0DATA',
  }

  it('reads a count target and keeps the basis', () => {
    expect(valueOf(checkGoal(goal, CNY))).toEqual({ ...goal, target: 1500, pastCampaignIds: [] })
  })

  it('reads a measure with up to 2 decimals, and full-width digits', () => {
    expect(valueOf(checkGoal({ ...goal, target: '2.5', unit: '%' }, CNY)).target).toBe(2.5)
    expect(valueOf(checkGoal({ ...goal, target: '１２００' }, CNY)).target).toBe(1200)
    expect(valueOf(checkGoal({ ...goal, target: 300 }, CNY)).target).toBe(300)
  })

  it('reads a revenue target as money in minor units, without a unit', () => {
    expect(valueOf(checkGoal({ ...goal, metric: 'revenue', target: '¥50,000.50', unit: 'yuan' }, CNY)))
      .toMatchObject({ metric: 'revenue', target: 5_000_050, unit: null })
    expect(valueOf(checkGoal({ ...goal, metric: 'revenue', target: '50000' }, 0)).target).toBe(50_000)
  })

  it('refuses a target that is not a positive number', () => {
    expect(errorsOf(checkGoal({ ...goal, target: '0' }, CNY))).toEqual({ target: { code: 'must_be_positive' } })
    // A negative is refused with the rule that also refuses zero, not with "zero or more".
    expect(errorsOf(checkGoal({ ...goal, target: '-5' }, CNY))).toEqual({ target: { code: 'must_be_positive' } })
    expect(errorsOf(checkGoal({ ...goal, metric: 'revenue', target: '-¥5' }, CNY))).toEqual({ target: { code: 'must_be_positive' } })
    expect(errorsOf(checkGoal({ ...goal, target: 'lots' }, CNY))).toEqual({ target: { code: 'not_a_number' } })
    expect(errorsOf(checkGoal({ ...goal, target: '' }, CNY))).toEqual({ target: { code: 'required' } })
    expect(errorsOf(checkGoal({ ...goal, target: null }, CNY))).toEqual({ target: { code: 'required' } })
    expect(errorsOf(checkGoal({ ...goal, target: '2.555' }, CNY))).toEqual({ target: { code: 'too_many_decimals' } })
    expect(errorsOf(checkGoal({ ...goal, metric: 'revenue', target: '100.5' }, 0))).toEqual({ target: { code: 'too_many_decimals' } })
  })

  it('requires a basis: the method says goals are reasoned', () => {
    expect(errorsOf(checkGoal({ ...goal, basis: '   ' }, CNY))).toEqual({ basis: { code: 'required' } })
    expect(errorsOf(checkGoal({ ...goal, basis: 'x'.repeat(planLimits.basis + 1) }, CNY)))
      .toEqual({ basis: { code: 'too_long', max: planLimits.basis } })
  })

  it('reports field errors and a bad target together', () => {
    expect(errorsOf(checkGoal({ ...goal, metric: 'likes', target: 'many' }, CNY)))
      .toEqual({ metric: { code: 'required' }, target: { code: 'not_a_number' } })
  })

  it('names a custom metric, and forgets the name for a listed one', () => {
    expect(errorsOf(checkGoal({ ...goal, metric: 'custom' }, CNY))).toEqual({ customMetric: { code: 'custom_metric_required' } })
    expect(valueOf(checkGoal({ ...goal, metric: 'custom', customMetric: 'App installs' }, CNY)).customMetric).toBe('App installs')
    expect(valueOf(checkGoal({ ...goal, customMetric: 'App installs' }, CNY)).customMetric).toBeNull()
  })

  it('needs past campaigns for a basis in past data, as ids once each', () => {
    expect(errorsOf(checkGoal({ ...goal, basisKind: 'past_campaigns' }, CNY)))
      .toEqual({ pastCampaignIds: { code: 'past_campaigns_required' } })
    expect(valueOf(checkGoal({ ...goal, basisKind: 'past_campaigns', pastCampaignIds: ['12', 7, '12'] }, CNY)).pastCampaignIds)
      .toEqual([12, 7])
    expect(valueOf(checkGoal({ ...goal, basisKind: 'reasoned', pastCampaignIds: [12] }, CNY)).pastCampaignIds).toEqual([])
    expect(errorsOf(checkGoal({ ...goal, basisKind: 'past_campaigns', pastCampaignIds: ['0'] }, CNY)))
      .toEqual({ pastCampaignIds: { code: 'required' } })
    const tooMany = Array.from({ length: planLimits.pastCampaigns + 1 }, (_, index) => index + 1)
    expect(errorsOf(checkGoal({ ...goal, basisKind: 'past_campaigns', pastCampaignIds: tooMany }, CNY)))
      .toEqual({ pastCampaignIds: { code: 'too_many', max: planLimits.pastCampaigns } })
  })

  it('lets the data owner be unset, but not be something other than a user', () => {
    const { dataOwnerId: _, ...withoutOwner } = goal
    expect(valueOf(checkGoal(withoutOwner, CNY)).dataOwnerId).toBeNull()
    expect(valueOf(checkGoal({ ...goal, dataOwnerId: null }, CNY)).dataOwnerId).toBeNull()
    expect(valueOf(checkGoal({ ...goal, dataOwnerId: '' }, CNY)).dataOwnerId).toBeNull()
    expect(errorsOf(checkGoal({ ...goal, dataOwnerId: 'C0CHANNEL' }, CNY))).toEqual({ dataOwnerId: { code: 'required' } })
  })
})

describe('checkTargetUsers', () => {
  it('needs who they are and what they need; traits are optional', () => {
    expect(valueOf(checkTargetUsers({ who: 'Students', needs: 'Cheap notebooks', ageRange: '18-24' })))
      .toEqual({ who: 'Students', needs: 'Cheap notebooks', ageRange: '18-24', occupations: null, otherTraits: null })
    expect(errorsOf(checkTargetUsers({ who: ' ', ageRange: 'x'.repeat(planLimits.ageRange + 1) }))).toEqual({
      who: { code: 'required' }, needs: { code: 'required' }, ageRange: { code: 'too_long', max: planLimits.ageRange },
    })
  })
})

describe('checkWindow', () => {
  it('passes a 14-day window without a warning', () => {
    expect(checkWindow(window, today)).toEqual({ ok: true, value: window, warning: null })
  })

  it('warns, without refusing, outside 7–28 days', () => {
    expect(checkWindow({ startDate: '2026-04-01', endDate: '2026-04-03' }, today))
      .toMatchObject({ ok: true, warning: { kind: 'too_short', days: 3 } })
    expect(checkWindow({ startDate: '2026-04-01', endDate: '2026-05-31' }, today))
      .toMatchObject({ ok: true, warning: { kind: 'too_long', days: 61 } })
  })

  it('refuses a new start in the past and an end not after the start', () => {
    expect(errorsOf(checkWindow({ startDate: '2026-03-09', endDate: '2026-03-09' }, today)))
      .toEqual({ startDate: { code: 'start_in_past' }, endDate: { code: 'end_not_after_start' } })
    expect(checkWindow({ startDate: today, endDate: '2026-03-20' }, today).ok).toBe(true)
  })

  it('keeps a start already in the past when it does not change (only the end moves)', () => {
    const running = { startDate: '2026-03-01', endDate: '2026-03-14' }
    expect(checkWindow({ ...running, endDate: '2026-03-21' }, today, running).ok).toBe(true)
    expect(errorsOf(checkWindow({ startDate: '2026-03-02', endDate: '2026-03-21' }, today, running)))
      .toEqual({ startDate: { code: 'start_in_past' } })
  })

  it('refuses dates that are not calendar dates', () => {
    expect(errorsOf(checkWindow({ startDate: '2026-02-30', endDate: 'soon' }, today)))
      .toEqual({ startDate: { code: 'invalid_date' }, endDate: { code: 'invalid_date' } })
  })
})

describe('checkPromotionItem', () => {
  const item = { channel: 'weibo', channelOther: 'ignored', what: 'Teaser post with a countdown', onDate: '2026-03-28', promoterId: 'U0PROMO' }

  it('passes a pre-heat before the window and an item on its last day', () => {
    expect(valueOf(checkPromotionItem(item, window))).toEqual({ ...item, channelOther: null })
    expect(checkPromotionItem({ ...item, onDate: window.endDate }, window).ok).toBe(true)
  })

  it('refuses a date after the window', () => {
    expect(errorsOf(checkPromotionItem({ ...item, onDate: '2026-04-15' }, window))).toEqual({ onDate: { code: 'after_window' } })
  })

  it('names an other channel', () => {
    expect(errorsOf(checkPromotionItem({ ...item, channel: 'other', channelOther: ' ' }, window)))
      .toEqual({ channelOther: { code: 'channel_other_required' } })
    expect(valueOf(checkPromotionItem({ ...item, channel: 'other', channelOther: 'Zhihu' }, window)).channelOther).toBe('Zhihu')
  })

  it('requires what, when and who', () => {
    expect(errorsOf(checkPromotionItem({ channel: 'tv' }, window))).toEqual({
      channel: { code: 'required' }, what: { code: 'required' }, onDate: { code: 'required' }, promoterId: { code: 'required' },
    })
  })
})

describe('checkContentRules', () => {
  const rules = { description: 'Post a photo of your desk. The best ten win a lamp.', entryDeadline: '2026-04-10', eligibility: 'Registered users in mainland China.' }

  it('passes 1–2 sentences and a deadline within the window, both ends included', () => {
    expect(valueOf(checkContentRules(rules, window))).toEqual(rules)
    expect(checkContentRules({ ...rules, entryDeadline: window.startDate }, window).ok).toBe(true)
    expect(checkContentRules({ ...rules, entryDeadline: window.endDate }, window).ok).toBe(true)
    expect(checkContentRules({ ...rules, description: '晒出你的书桌。最佳十位赢台灯！' }, window).ok).toBe(true)
  })

  it('refuses three sentences', () => {
    expect(errorsOf(checkContentRules({ ...rules, description: 'Post. Share. Win!' }, window)))
      .toEqual({ description: { code: 'too_many_sentences' } })
  })

  it('refuses a deadline outside the window', () => {
    expect(errorsOf(checkContentRules({ ...rules, entryDeadline: '2026-03-31' }, window))).toEqual({ entryDeadline: { code: 'outside_window' } })
    expect(errorsOf(checkContentRules({ ...rules, entryDeadline: '2026-04-15' }, window))).toEqual({ entryDeadline: { code: 'outside_window' } })
  })

  it('requires who may take part', () => {
    expect(errorsOf(checkContentRules({ ...rules, eligibility: '' }, window))).toEqual({ eligibility: { code: 'required' } })
  })
})

describe('checkPrize', () => {
  const prize = { name: 'Desk lamp', quantity: '10', value: '199.00', howGiven: 'Shipped within 7 days of the draw' }

  it('reads the quantity and the value of one prize in minor units', () => {
    expect(valueOf(checkPrize(prize, CNY))).toEqual({ name: 'Desk lamp', quantity: 10, valueMinor: 19_900, howGiven: prize.howGiven })
    expect(valueOf(checkPrize({ ...prize, value: '0' }, CNY)).valueMinor).toBe(0)
    expect(valueOf(checkPrize({ ...prize, quantity: 3 }, CNY)).quantity).toBe(3)
  })

  it('refuses a quantity that is not a whole number from 1', () => {
    expect(errorsOf(checkPrize({ ...prize, quantity: '0' }, CNY))).toEqual({ quantity: { code: 'must_be_positive' } })
    expect(errorsOf(checkPrize({ ...prize, quantity: '2.5' }, CNY))).toEqual({ quantity: { code: 'not_a_whole_number' } })
    expect(errorsOf(checkPrize({ ...prize, quantity: '-1' }, CNY))).toEqual({ quantity: { code: 'must_be_positive' } })
    expect(errorsOf(checkPrize({ ...prize, quantity: String(planLimits.prizeQuantity + 1) }, CNY)))
      .toEqual({ quantity: { code: 'too_large', max: planLimits.prizeQuantity } })
  })

  it('refuses a value the currency cannot hold', () => {
    expect(errorsOf(checkPrize({ ...prize, value: '199.999' }, CNY))).toEqual({ value: { code: 'too_many_decimals' } })
    // A prize may be worth nothing, so here "zero or more" is the rule.
    expect(errorsOf(checkPrize({ ...prize, value: '-1' }, CNY))).toEqual({ value: { code: 'negative' } })
  })

  it('requires how winners get it', () => {
    expect(errorsOf(checkPrize({ ...prize, howGiven: undefined }, CNY))).toEqual({ howGiven: { code: 'required' } })
  })
})

describe('checkEffectEstimate', () => {
  const estimate = { channel: 'douyin', metric: 'visits', customMetric: 'ignored', expected: '20,000' }

  it('reads a positive expected result', () => {
    expect(valueOf(checkEffectEstimate(estimate))).toEqual({ channel: 'douyin', metric: 'visits', customMetric: null, expected: 20_000 })
    expect(valueOf(checkEffectEstimate({ ...estimate, expected: '0.5' })).expected).toBe(0.5)
  })

  it('refuses zero, nonsense and revenue', () => {
    expect(errorsOf(checkEffectEstimate({ ...estimate, expected: '0' }))).toEqual({ expected: { code: 'must_be_positive' } })
    expect(errorsOf(checkEffectEstimate({ ...estimate, expected: '-5' }))).toEqual({ expected: { code: 'must_be_positive' } })
    expect(errorsOf(checkEffectEstimate({ ...estimate, expected: 'n/a' }))).toEqual({ expected: { code: 'not_a_number' } })
    expect(errorsOf(checkEffectEstimate({ ...estimate, metric: 'revenue' }))).toEqual({ metric: { code: 'required' } })
  })

  it('names a custom metric', () => {
    expect(errorsOf(checkEffectEstimate({ ...estimate, metric: 'custom', customMetric: null })))
      .toEqual({ customMetric: { code: 'custom_metric_required' } })
    expect(valueOf(checkEffectEstimate({ ...estimate, metric: 'custom', customMetric: 'Saves' })).customMetric).toBe('Saves')
  })
})

describe('checkRisk and checkServicePlan', () => {
  const risk = { description: 'Bots flood the entries', likelihood: 'medium', impact: 'high', mitigation: 'Captcha and manual review', ownerId: 'U0OPS' }

  it('passes a complete risk', () => {
    expect(valueOf(checkRisk(risk))).toEqual(risk)
  })

  it('requires every part of a risk, with known levels', () => {
    expect(errorsOf(checkRisk({ ...risk, likelihood: 'huge', impact: undefined, mitigation: '', ownerId: 'nobody' }))).toEqual({
      likelihood: { code: 'required' }, impact: { code: 'required' }, mitigation: { code: 'required' }, ownerId: { code: 'required' },
    })
    expect(errorsOf(checkRisk({ ...risk, description: 'x'.repeat(planLimits.riskDescription + 1) })))
      .toEqual({ description: { code: 'too_long', max: planLimits.riskDescription } })
  })

  it('passes a service plan and requires both its parts', () => {
    const plan = { responderId: 'U0SERVICE', feedbackProcess: 'Issues go to #campaign-ops within the hour' }
    expect(valueOf(checkServicePlan(plan))).toEqual(plan)
    expect(errorsOf(checkServicePlan({}))).toEqual({ responderId: { code: 'required' }, feedbackProcess: { code: 'required' } })
  })
})
