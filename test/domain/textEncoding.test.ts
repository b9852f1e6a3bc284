// A CSV saved by Excel on a Chinese system is GBK ("CSV") or UTF-16 with a mark ("Unicode text"),
// not UTF-8: its Chinese must still read as Chinese. The GBK bytes are written out by hand (no
// iconv here), each checked against the characters they stand for.
import { describe, expect, it } from 'vitest'
import { planImport, type ImportRules } from '../../src/domain/metricImport.ts'
import { decodeText } from '../../src/domain/textEncoding.ts'
import { readCsv } from '../../src/slack/metricImport/fileRows.ts'

/** GBK (GB2312 range), two bytes a character. */
const gbk = {
  日期: [0xc8, 0xd5, 0xc6, 0xda],
  指标: [0xd6, 0xb8, 0xb1, 0xea],
  数值: [0xca, 0xfd, 0xd6, 0xb5],
  注册数: [0xd7, 0xa2, 0xb2, 0xe1, 0xca, 0xfd],
  销售额: [0xcf, 0xfa, 0xca, 0xdb, 0xb6, 0xee],
} as const

const ascii = (text: string) => [...Buffer.from(text, 'ascii')]
/** A file as Excel's "CSV" writes it on a Chinese system: GBK, CRLF, no mark. */
const gbkCsv = Buffer.from([
  ...gbk.日期, 0x2c, ...gbk.指标, 0x2c, ...gbk.数值, ...ascii('\r\n'),
  ...ascii('2026-12-01,'), ...gbk.注册数, ...ascii(',1200\r\n'),
  ...ascii('2026-12-02,'), ...gbk.销售额, ...ascii(',"1,234.50"\r\n'),
])

const rules: ImportRules = {
  goals: [
    { id: 1, names: ['signups', 'sign-ups', '注册数'], isMoney: false, mayEnter: true },
    { id: 2, names: ['revenue', 'revenue', '销售额'], isMoney: true, mayEnter: true },
  ],
  currencyFractionDigits: 2, campaignStart: '2026-12-01', campaignEnd: '2026-12-20', today: '2026-12-07',
}

describe('decodeText', () => {
  it('reads GBK bytes as the Chinese they are, where UTF-8 would garble them', () => {
    for (const [word, bytes] of Object.entries(gbk)) expect(decodeText(Uint8Array.from(bytes))).toEqual({ text: word, encoding: 'gb18030' })
    // What the import saw before: replacement characters, no goal's name.
    expect(Buffer.from(gbk.注册数).toString('utf8')).not.toContain('注册数')
  })

  it('keeps UTF-8 as UTF-8, with or without its mark, and ASCII too', () => {
    expect(decodeText(Buffer.from('日期,指标\n', 'utf8'))).toEqual({ text: '日期,指标\n', encoding: 'utf-8' })
    expect(decodeText(Buffer.from('\uFEFFdate,注册数', 'utf8'))).toEqual({ text: 'date,注册数', encoding: 'utf-8' })
    expect(decodeText(Buffer.from('date,metric', 'ascii'))).toEqual({ text: 'date,metric', encoding: 'utf-8' })
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' })
  })

  it('reads UTF-16 by its mark, little- and big-endian', () => {
    const text = '日期\t指标\t数值\r\n2026-12-01\t注册数\t5'
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' })
    const bigEndian = Buffer.from(text, 'utf16le').swap16()
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]))).toEqual({ text, encoding: 'utf-16be' })
  })
})

describe('a CSV saved by Chinese Excel', () => {
  it('reads a GBK file into its Chinese header and metric names, and plans its figures', async () => {
    const cells = await readCsv(gbkCsv)
    expect(cells).toEqual([['日期', '指标', '数值'], ['2026-12-01', '注册数', '1200'], ['2026-12-02', '销售额', '1,234.50']])
    const plan = planImport(cells, rules, [])
    expect([plan.problem, plan.rejected]).toEqual([null, []])
    expect(plan.days.map((d) => [d.goalId, d.onDate, d.value])).toEqual([[1, '2026-12-01', 1200], [2, '2026-12-02', 123450]])
  })

  it('reads Excel\'s "Unicode text": UTF-16LE with its mark, tab-separated', async () => {
    const text = '日期\t指标\t数值\r\n2026-12-01\t注册数\t1200\r\n'
    const cells = await readCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    expect(cells).toEqual([['日期', '指标', '数值'], ['2026-12-01', '注册数', '1200']])
  })
})
