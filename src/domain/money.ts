// Amounts typed by people, read as exact integers. Money is never a float: it is kept in the
// currency's minor unit (fen, cent; the yen has none), and decimals are read digit by digit.

export type AmountErrorCode = 'required' | 'not_a_number' | 'negative' | 'too_many_decimals' | 'too_large'

type ScaledAmount = { ok: true; scaled: number } | { ok: false; code: AmountErrorCode }

// Digits, optionally grouped by commas in threes ("1,234,567"), then an optional decimal part.
// A lone comma group ("1,5") is refused: in much of Europe it means 1.5, and we would read 15.
const amountPattern = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/

/**
 * Reads a non-negative decimal as an integer count of 10^-fractionDigits: ("12.5", 2) → 1250.
 * Full-width digits and punctuation (１２３４．５) are folded first. Extra decimals that are
 * zeros are harmless ("1000.00" yen); any other extra decimal is refused, never rounded.
 */
function readScaled(text: string, fractionDigits: number, allowCurrencySign: boolean): ScaledAmount {
  let amount = text.normalize('NFKC').trim()
  if (allowCurrencySign) amount = amount.replace(/^[¥$€£₩]\s*/u, '').replace(/\s*[元円]$/u, '')
  if (amount === '') return { ok: false, code: 'required' }
  if (/^[-−]/u.test(amount)) return { ok: false, code: 'negative' }
  const match = amountPattern.exec(amount)
  if (!match) return { ok: false, code: 'not_a_number' }
  const whole = match[1]!.replaceAll(',', '')
  const fraction = match[2] ?? ''
  if (/[1-9]/.test(fraction.slice(fractionDigits))) return { ok: false, code: 'too_many_decimals' }
  const scaled = BigInt(whole + fraction.slice(0, fractionDigits).padEnd(fractionDigits, '0'))
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, code: 'too_large' }
  return { ok: true, scaled: Number(scaled) }
}

export type ParsedMoney = { ok: true; minor: number } | { ok: false; code: AmountErrorCode }

/**
 * An amount of money as typed ("1,234.50", "１２３４", "¥1,234", "500元") → integer minor units
 * of a currency with `fractionDigits` decimals. Refuses negatives, more decimals than the
 * currency has, and amounts beyond Number.MAX_SAFE_INTEGER minor units.
 */
export function parseMoney(text: string, fractionDigits: number): ParsedMoney {
  const read = readScaled(text, fractionDigits, true)
  return read.ok ? { ok: true, minor: read.scaled } : read
}

export type ParsedMeasure = { ok: true; value: number } | { ok: false; code: AmountErrorCode }

/** A count or measure that is not money ("1,500", "2.5"), with at most `fractionDigits` decimals. */
export function parseMeasure(text: string, fractionDigits: number): ParsedMeasure {
  const read = readScaled(text, fractionDigits, false)
  return read.ok ? { ok: true, value: read.scaled / 10 ** fractionDigits } : read
}

const fractionDigitsOf = new Map<string, number>()

/** How many decimals a currency has (JPY 0, CNY 2, USD 2, KWD 3). Throws on a malformed code. */
export function currencyFractionDigits(currency: string): number {
  let digits = fractionDigitsOf.get(currency)
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    // Only well-formed codes get here (a malformed one threw above): three letters, a bounded set.
    fractionDigitsOf.set(currency, digits)
  }
  return digits
}

/** Is this a well-formed ISO 4217 code, as Intl accepts it? */
export function isCurrencyCode(currency: string): boolean {
  try {
    currencyFractionDigits(currency)
    return /^[A-Za-z]{3}$/.test(currency)
  } catch {
    return false
  }
}

/** Minor units as a person would type them back into a form: (123450, 2) → "1234.50". */
export function moneyInputText(minor: number, fractionDigits: number): string {
  const digits = String(minor).padStart(fractionDigits + 1, '0')
  if (fractionDigits === 0) return digits
  return `${digits.slice(0, -fractionDigits)}.${digits.slice(-fractionDigits)}`
}

/** spend / expected, rounded half up to a whole minor unit, in integer arithmetic. */
export function costPerUnitMinor(spendMinor: number, expected: number, expectedFractionDigits: number): number {
  // `expected` carries at most `expectedFractionDigits` decimals, so scaling it gives an exact integer.
  const scale = 10 ** expectedFractionDigits
  const scaledExpected = BigInt(Math.round(expected * scale))
  const numerator = BigInt(spendMinor) * BigInt(scale)
  return Number((2n * numerator + scaledExpected) / (2n * scaledExpected))
}

/** Until an admin sets the workspace currency, a plan takes its owner's: yuan for Chinese, else dollars. */
export function defaultCurrencyFor(locale: string): string {
  return locale.toLowerCase().startsWith('zh') ? 'CNY' : 'USD'
}

/** A sum of minor units; may exceed MAX_SAFE_INTEGER only for input no check let through. */
export function sumMinor(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => sum + amount, 0)
}
