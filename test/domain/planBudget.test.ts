import { describe, expect, it } from 'vitest'
import { currencyFractionDigits, isCurrencyCode, moneyInputText, parseMoney, planLimits } from '../../src/domain/plan.ts'
import { checkBudgetScenario, costPerExpectedResult, refusalToAddScenario, scenarioTotal, type BudgetLine, type EffectEstimate } from '../../src/domain/planBudget.ts'

describe('parseMoney', () => {
  it.each([
    ['1234', 2, 123_400],
    ['1234.5', 2, 123_450],
    ['1,234.50', 2, 123_450],
    ['1,234,567.89', 2, 123_456_789],
    ['0', 2, 0],
    ['0.01', 2, 1],
    ['  42  ', 2, 4_200],
    ['１２３４', 2, 123_400],
    ['１，２３４．５０', 2, 123_450],
    ['¥1,234', 2, 123_400],
    ['￥1,234.5', 2, 123_450],
    ['$ 19.99', 2, 1_999],
    ['500元', 2, 50_000],
    ['1,000', 0, 1_000],
    ['1000.00', 0, 1_000],
    ['1.234', 3, 1_234],
    ['12.300', 2, 1_230],
  ])('reads %j with %i decimals as %i minor units', (text, fractionDigits, minor) => {
    expect(parseMoney(text, fractionDigits)).toEqual({ ok: true, minor })
  })

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['¥', 'required'],
    ['-5', 'negative'],
    ['−5', 'negative'],
    ['－5', 'negative'],
    ['-¥5', 'negative'],
    ['¥-5', 'negative'],
    ['1.234', 'too_many_decimals'],
    ['0.001', 'too_many_decimals'],
    ['abc', 'not_a_number'],
    ['1,5', 'not_a_number'],
    ['12,34,567', 'not_a_number'],
    ['1 234', 'not_a_number'],
    ['1e5', 'not_a_number'],
    ['.5', 'not_a_number'],
    ['5.', 'not_a_number'],
    ['+5', 'not_a_number'],
    ['0x10', 'not_a_number'],
    ['Infinity', 'not_a_number'],
    ['NaN', 'not_a_number'],
    ['90071992547409.92', 'too_large'],
    ['9'.repeat(400), 'too_large'],
  ])('refuses %j: %s', (text, code) => {
    expect(parseMoney(text, 2)).toEqual({ ok: false, code })
  })

  it('reads the largest exact amount and refuses one minor unit more', () => {
    expect(parseMoney('90071992547409.91', 2)).toEqual({ ok: true, minor: Number.MAX_SAFE_INTEGER })
    expect(parseMoney('9007199254740992', 0)).toEqual({ ok: false, code: 'too_large' })
  })

  it('refuses decimals in a currency without any', () => {
    expect(parseMoney('100.5', 0)).toEqual({ ok: false, code: 'too_many_decimals' })
  })
})

describe('currencies', () => {
  it('knows how many decimals a currency has', () => {
    expect(currencyFractionDigits('JPY')).toBe(0)
    expect(currencyFractionDigits('CNY')).toBe(2)
    expect(currencyFractionDigits('USD')).toBe(2)
    expect(currencyFractionDigits('KWD')).toBe(3)
  })

  it('tells a malformed code', () => {
    expect(isCurrencyCode('CNY')).toBe(true)
    expect(isCurrencyCode('yuan')).toBe(false)
    expect(isCurrencyCode('C1Y')).toBe(false)
    expect(() => currencyFractionDigits('XY')).toThrow(RangeError)
  })

  it('writes minor units back as a person would type them', () => {
    expect(moneyInputText(123_450, 2)).toBe('1234.50')
    expect(moneyInputText(5, 2)).toBe('0.05')
    expect(moneyInputText(0, 2)).toBe('0.00')
    expect(moneyInputText(1_000, 0)).toBe('1000')
    expect(moneyInputText(1_234, 3)).toBe('1.234')
    for (const minor of [0, 1, 99, 100, 123_456_789, Number.MAX_SAFE_INTEGER]) {
      expect(parseMoney(moneyInputText(minor, 2), 2)).toEqual({ ok: true, minor })
    }
  })
})

describe('checkBudgetScenario', () => {
  const scenario = {
    name: 'Lean',
    lines: [
      { category: 'promotion', channel: 'weibo', amount: '3,000', note: 'Boosted posts' },
      { category: 'prizes', channel: 'weibo', amount: '1990.00', note: ' ' },
      { category: 'production', amount: '500.5' },
    ],
  }

  it('reads each line in minor units; only promotion lines keep a channel', () => {
    expect(checkBudgetScenario(scenario, 2)).toEqual({
      ok: true,
      value: {
        name: 'Lean',
        lines: [
          { category: 'promotion', channel: 'weibo', amountMinor: 300_000, note: 'Boosted posts' },
          { category: 'prizes', channel: null, amountMinor: 199_000, note: null },
          { category: 'production', channel: null, amountMinor: 50_050, note: null },
        ],
      },
    })
  })

  it('names the field of the row that is wrong', () => {
    const result = checkBudgetScenario({ name: '', lines: [scenario.lines[0], { category: 'gifts', amount: '1.234' }] }, 2)
    expect(result).toEqual({
      ok: false,
      errors: { name: { code: 'required' }, 'lines.1.category': { code: 'required' }, 'lines.1.amount': { code: 'too_many_decimals' } },
    })
  })

  it('needs a channel on a promotion line', () => {
    expect(checkBudgetScenario({ name: 'A', lines: [{ category: 'promotion', amount: '10' }] }, 2))
      .toEqual({ ok: false, errors: { 'lines.0.channel': { code: 'channel_required' } } })
  })

  it('needs at least one line and at most the limit', () => {
    expect(checkBudgetScenario({ name: 'A', lines: [] }, 2)).toEqual({ ok: false, errors: { lines: { code: 'required' } } })
    expect(checkBudgetScenario({ name: 'A' }, 2)).toEqual({ ok: false, errors: { lines: { code: 'required' } } })
    const many = Array.from({ length: planLimits.budgetLines + 1 }, () => ({ category: 'other', amount: '1' }))
    expect(checkBudgetScenario({ name: 'A', lines: many }, 2))
      .toEqual({ ok: false, errors: { lines: { code: 'too_many', max: planLimits.budgetLines } } })
  })

  it('refuses a total beyond exact integers, though each line alone fits', () => {
    const half = moneyInputText(Math.ceil(Number.MAX_SAFE_INTEGER / 2), 2)
    const lines = [{ category: 'other', amount: half }, { category: 'other', amount: half }]
    expect(checkBudgetScenario({ name: 'A', lines }, 2))
      .toEqual({ ok: false, errors: { lines: { code: 'too_large', max: Number.MAX_SAFE_INTEGER } } })
  })

  it('reads amounts in the currency it is given', () => {
    const yen = checkBudgetScenario({ name: 'A', lines: [{ category: 'other', amount: '¥5,000' }] }, 0)
    expect(yen.ok && yen.value.lines[0]!.amountMinor).toBe(5_000)
    expect(checkBudgetScenario({ name: 'A', lines: [{ category: 'other', amount: '50.5' }] }, 0))
      .toEqual({ ok: false, errors: { 'lines.0.amount': { code: 'too_many_decimals' } } })
  })
})

describe('refusalToAddScenario', () => {
  it('allows up to three scenarios', () => {
    expect(refusalToAddScenario(0)).toBeNull()
    expect(refusalToAddScenario(2)).toBeNull()
    expect(refusalToAddScenario(3)).toBe('too_many_scenarios')
  })
})

let nextLineId = 1
function line(category: BudgetLine['category'], amountMinor: number, channel: BudgetLine['channel'] = null): BudgetLine {
  return { id: nextLineId++, category, channel, amountMinor, note: null }
}

describe('scenarioTotal', () => {
  it('sums in integers, in total and per category', () => {
    const lines = [line('promotion', 10, 'weibo'), line('promotion', 20, 'email'), line('prizes', 7), line('other', 3)]
    expect(scenarioTotal({ lines })).toEqual({ totalMinor: 40, byCategory: { promotion: 30, prizes: 7, production: 0, other: 3 } })
  })

  it('adds cents exactly where floats would not (0.1 + 0.2)', () => {
    expect(scenarioTotal({ lines: [line('other', 10), line('other', 20)] }).totalMinor).toBe(30)
    expect(scenarioTotal({ lines: [] }).totalMinor).toBe(0)
  })
})

describe('costPerExpectedResult', () => {
  const estimate = (channel: EffectEstimate['channel'], expected: number): EffectEstimate =>
    ({ channel, metric: 'visits', customMetric: null, expected })

  it('divides each channel’s promotion spend by its expected result, in channel order', () => {
    const lines = [line('promotion', 100_000, 'email'), line('promotion', 300_000, 'weibo'), line('promotion', 50_000, 'weibo'), line('prizes', 99_999)]
    expect(costPerExpectedResult({ lines }, [estimate('email', 4_000), estimate('weibo', 20_000)])).toEqual([
      { channel: 'weibo', metric: 'visits', customMetric: null, spendMinor: 350_000, expected: 20_000, costMinor: 18 },
      { channel: 'email', metric: 'visits', customMetric: null, spendMinor: 100_000, expected: 4_000, costMinor: 25 },
    ])
  })

  it('rounds half up to a whole minor unit', () => {
    const cost = (spendMinor: number, expected: number) =>
      costPerExpectedResult({ lines: [line('promotion', spendMinor, 'sms')] }, [estimate('sms', expected)])[0]!.costMinor
    expect(cost(5, 2)).toBe(3) // 2.5 → 3
    expect(cost(7, 2)).toBe(4) // 3.5 → 4
    expect(cost(10, 3)).toBe(3) // 3.33 → 3
    expect(cost(20, 3)).toBe(7) // 6.67 → 7
    expect(cost(1, 3)).toBe(0) // 0.33 → 0
    expect(cost(0, 3)).toBe(0)
    expect(cost(100, 0.4)).toBe(250) // an expected result with decimals
    expect(cost(7, 0.56)).toBe(13) // 12.5 exactly; as floats 7 / 0.56 = 12.4999… and would round down
    expect(cost(1, 0.07)).toBe(14) // 14.2857 → 14
    expect(cost(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER)
  })

  it('leaves out channels without an estimate or without spend', () => {
    const lines = [line('promotion', 100, 'kol')]
    expect(costPerExpectedResult({ lines }, [estimate('email', 10)])).toEqual([])
    expect(costPerExpectedResult({ lines: [] }, [estimate('email', 10)])).toEqual([])
  })
})
