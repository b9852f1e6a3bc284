// Figures from a file, as the domain reads them: columns found by header (either language) or by
// position, goals by metric name in either language, dates in every form a sheet gives them,
// values read as the modal reads them, duplicates and conflicts, and what is stored already.
import { describe, expect, it } from 'vitest'
import { daysToWrite, foldName, importWrites, planImport, readImportDate, summariseByGoal, type ImportCell, type ImportRules } from '../../src/domain/metricImport.ts'
import { readCsv, readXlsx } from '../../src/slack/metricImport/fileRows.ts'
import writeXlsxFile from 'write-excel-file/node'

const rules: ImportRules = {
  goals: [
    { id: 1, names: ['signups', 'sign-ups', '注册'], isMoney: false, mayEnter: true },
    { id: 2, names: ['revenue', 'revenue', '销售额'], isMoney: true, mayEnter: true },
    { id: 3, names: ['Newsletter opens'], isMoney: false, mayEnter: true },
    { id: 4, names: ['orders', 'orders', '订单'], isMoney: false, mayEnter: false },
  ],
  currencyFractionDigits: 2,
  campaignStart: '2026-12-01',
  campaignEnd: '2026-12-20',
  today: '2026-12-07',
}

const header: ImportCell[] = ['date', 'metric', 'value', 'mode']

describe('planImport', () => {
  it('records good rows per goal and day, in either language and with separators, full-width digits and currency signs', () => {
    const plan = planImport([
      header,
      ['2026-12-01', 'Sign-ups', '1,200', ''],
      ['2026-12-02', '注册', '１３００', 'day'],
      ['2026-12-03', 'SIGNUPS', '5000', 'total'],
      ['2026-12-01', 'revenue', '¥1,234.50', ''],
      ['2026-12-02', '销售额', '500元', '当天'],
      ['2026-12-03', 'newsletter  opens', '12.5', '累计'],
    ], rules, [])
    expect(plan.problem).toBeNull()
    expect(plan.rejected).toEqual([])
    expect(plan.rows).toBe(6)
    expect(plan.days.map((d) => [d.goalId, d.onDate, d.mode, d.value, d.change])).toEqual([
      [1, '2026-12-01', 'day', 1200, 'new'],
      [1, '2026-12-02', 'day', 1300, 'new'],
      [1, '2026-12-03', 'total', 5000, 'new'],
      [2, '2026-12-01', 'day', 123450, 'new'],
      [2, '2026-12-02', 'day', 50000, 'new'],
      [3, '2026-12-03', 'total', 12.5, 'new'],
    ])
  })

  it('refuses each bad row with its reason and keeps the good ones', () => {
    const plan = planImport([
      header,
      ['2026-12-01', 'likes', '5', ''],
      ['2026-12-01', 'orders', '5', ''],
      ['', 'signups', '5', ''],
      ['yesterday', 'signups', '5', ''],
      ['2026-11-30', 'signups', '5', ''],
      ['2026-12-08', 'signups', '5', ''],
      ['2026-12-01', 'signups', 'lots', ''],
      ['2026-12-02', 'signups', '-3', ''],
      ['2026-12-03', 'revenue', '1.234', ''],
      ['2026-12-04', 'signups', '', ''],
      ['2026-12-05', 'signups', '7', 'weekly'],
      ['2026-12-06', 'signups', '9', ''],
    ], rules, [])
    expect(plan.rejected.map((r) => [r.row, r.reason])).toEqual([
      [2, 'unknown_metric'], [3, 'not_yours'], [4, 'no_date'], [5, 'invalid_date'], [6, 'before_start'], [7, 'in_future'],
      [8, 'not_a_number'], [9, 'negative'], [10, 'too_many_decimals'], [11, 'required'], [12, 'invalid_mode'],
    ])
    expect(plan.rejected[0]!.text).toBe('2026-12-01 | likes | 5')
    expect(plan.days.map((d) => [d.goalId, d.onDate, d.value])).toEqual([[1, '2026-12-06', 9]])
  })

  it('refuses a day after the campaign ended even when today is later (a retrospective)', () => {
    const plan = planImport([header, ['2026-12-21', 'signups', '1', '']], { ...rules, today: '2026-12-30' }, [])
    expect(plan.rejected.map((r) => r.reason)).toEqual(['after_end'])
  })

  it('refuses a metric two goals share', () => {
    const plan = planImport([header, ['2026-12-01', 'visits', '1', '']], {
      ...rules, goals: [{ id: 8, names: ['visits'], isMoney: false, mayEnter: true }, { id: 9, names: ['visits'], isMoney: false, mayEnter: true }],
    }, [])
    expect(plan.rejected.map((r) => r.reason)).toEqual(['ambiguous_metric'])
  })

  it('counts a repeated row once and leaves out a day two rows disagree on', () => {
    const plan = planImport([
      header,
      ['2026-12-01', 'signups', '10', ''],
      ['2026-12-01', 'sign-ups', '10', 'day'],
      ['2026-12-02', 'signups', '10', ''],
      ['2026-12-02', 'signups', '11', ''],
    ], rules, [])
    expect(plan.days.map((d) => [d.onDate, d.value])).toEqual([['2026-12-01', 10]])
    expect(plan.rejected.map((r) => [r.row, r.reason, r.otherRow])).toEqual([[3, 'duplicate_row', 2], [4, 'conflicting_rows', undefined], [5, 'conflicting_rows', undefined]])
  })

  it('compares with what is stored: the same figure is nothing to do, a different one a correction', () => {
    const plan = planImport([
      header,
      ['2026-12-01', 'signups', '10', ''],
      ['2026-12-02', 'signups', '25', ''],
      ['2026-12-03', 'signups', '30', 'total'],
      ['2026-12-04', 'signups', '7', ''],
    ], rules, [
      { goalId: 1, onDate: '2026-12-01', mode: 'day', value: 10 },
      { goalId: 1, onDate: '2026-12-02', mode: 'day', value: 20 },
      { goalId: 1, onDate: '2026-12-03', mode: 'day', value: 30 },
    ])
    expect(plan.days.map((d) => [d.onDate, d.change, d.previous])).toEqual([
      ['2026-12-01', 'unchanged', null],
      ['2026-12-02', 'correction', { mode: 'day', value: 20 }],
      ['2026-12-03', 'correction', { mode: 'day', value: 30 }],
      ['2026-12-04', 'new', null],
    ])
    expect(daysToWrite(plan).map((d) => d.onDate)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04'])
    expect(summariseByGoal(plan)).toMatchObject([{ goalId: 1, added: 1, corrected: 2, unchanged: 1 }])
    expect(importWrites(plan)).toBe('1|2026-12-02|day|25\n1|2026-12-03|total|30\n1|2026-12-04|day|7')
  })

  it('reads columns in any order by their header in either language, or by position without one', () => {
    const chinese = planImport([['数值', '指标', '日期'], ['3', '注册', '2026-12-02']], rules, [])
    expect(chinese.days.map((d) => [d.onDate, d.value])).toEqual([['2026-12-02', 3]])
    const positional = planImport([['2026-12-02', 'signups', '4']], rules, [])
    expect(positional.days.map((d) => [d.onDate, d.value, d.row])).toEqual([['2026-12-02', 4, 1]])
  })

  it('says what is wrong with a whole file: empty, a header without a needed column, too many rows', () => {
    expect(planImport([], rules, []).problem).toEqual({ code: 'empty' })
    expect(planImport([[''], [null, '']], rules, []).problem).toEqual({ code: 'empty' })
    expect(planImport([['date', 'metric', 'amount'.slice(0, 3)]], rules, []).problem).toEqual({ code: 'missing_columns', columns: ['value'] })
    const many = [header, ...Array.from({ length: 50_001 }, () => ['2026-12-01', 'signups', '1'])]
    expect(planImport(many, rules, []).problem).toEqual({ code: 'too_many_rows', max: 50_000 })
  })
})

describe('readImportDate', () => {
  it('reads ISO and slashed text, Chinese dates, Excel serials and date cells; refuses the rest', () => {
    expect(readImportDate('2026-12-07')).toBe('2026-12-07')
    expect(readImportDate('2026/12/7')).toBe('2026-12-07')
    expect(readImportDate('2026年12月7日')).toBe('2026-12-07')
    expect(readImportDate('２０２６－１２－０７')).toBe('2026-12-07')
    expect(readImportDate('2026-12-07T10:00:00Z')).toBe('2026-12-07')
    expect(readImportDate(46363)).toBe('2026-12-07')
    expect(readImportDate('46363')).toBe('2026-12-07')
    expect(readImportDate(46363.75)).toBe('2026-12-07')
    expect(readImportDate(new Date(Date.UTC(2026, 11, 7)))).toBe('2026-12-07')
    expect(readImportDate('2026-02-30')).toBeNull()
    expect(readImportDate('07/12/2026')).toBeNull()
    expect(readImportDate(12)).toBeNull()
    expect(readImportDate(true)).toBeNull()
  })

  it('folds names for comparison', () => {
    expect(foldName(' Sign-Ups ')).toBe(foldName('signups'))
    expect(foldName('ＳＩＧＮＵＰＳ')).toBe('signups')
  })
})

describe('reading files into cells', () => {
  it('reads a CSV with a BOM and commas, or with semicolons, quoted fields kept whole', async () => {
    const comma = await readCsv(Buffer.from('\uFEFFdate,metric,value\r\n2026-12-01,signups,"1,200"\r\n', 'utf8'))
    expect(comma).toEqual([['date', 'metric', 'value'], ['2026-12-01', 'signups', '1,200']])
    const semicolon = await readCsv(Buffer.from('date;metric;value;mode\n2026-12-01;revenue;"1,234.50";total\n', 'utf8'))
    expect(semicolon).toEqual([['date', 'metric', 'value', 'mode'], ['2026-12-01', 'revenue', '1,234.50', 'total']])
    expect(planImport(comma, rules, []).days.map((d) => d.value)).toEqual([1200])
    expect(planImport(semicolon, rules, []).days.map((d) => [d.mode, d.value])).toEqual([['total', 123450]])
  })

  it('reads a real .xlsx: numbers, date cells and dates typed as serial numbers', async () => {
    const bytes = await writeXlsxFile([
      [{ value: 'Date' }, { value: 'Metric' }, { value: 'Value' }],
      [{ value: new Date(Date.UTC(2026, 11, 2)), type: Date, format: 'yyyy-mm-dd' }, { value: 'sign-ups' }, { value: 1500, type: Number }],
      [{ value: 46358, type: Number }, { value: 'revenue' }, { value: 99.5, type: Number }],
    ] as never).toBuffer()
    const cells = await readXlsx(bytes)
    const plan = planImport(cells, rules, [])
    expect(plan.rejected).toEqual([])
    expect(plan.days.map((d) => [d.goalId, d.onDate, d.value])).toEqual([[1, '2026-12-02', 1500], [2, '2026-12-02', 9950]])
  })
})
