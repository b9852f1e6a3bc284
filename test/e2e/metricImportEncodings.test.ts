// A figures file saved by Excel on a Chinese system (GBK, not UTF-8) imported end to end: the
// preview names the goals its Chinese metric names mean, and recording stores those figures.
// Before, the header and names came out garbled and every row was refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople, visibleText } from '../support/proposals.ts'

/** GBK bytes, written out by hand (two a character): 日期,指标,数值 / 注册数 / 销售额. */
const gbk = {
  header: [0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0xca, 0xfd, 0xd6, 0xb5],
  注册数: [0xd7, 0xa2, 0xb2, 0xe1, 0xca, 0xfd],
  销售额: [0xcf, 0xfa, 0xca, 0xdb, 0xb6, 0xee],
}
const ascii = (text: string) => [...Buffer.from(text, 'ascii')]

describe.each(testProviders())('a GBK figures file imported on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'mei', tz: 'Asia/Shanghai', locale: 'zh-CN' })
  })
  afterAll(async () => rig.close())

  it('reads its Chinese header and metric names, previews and records its figures', async () => {
    rig.clock.set('2026-12-07T04:00:00Z')
    const { campaignId, goalIds } = await seedLiveCampaign(rig, {
      name: '冬茶周', startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Asia/Shanghai', currency: 'CNY',
      goals: [{ metric: 'signups', targetValue: 10000, dataOwnerId: 'U4' }, { metric: 'revenue', targetMinor: 5_000_000n, dataOwnerId: 'U4' }],
    })
    const [signups, revenue] = goalIds as [number, number]
    const bytes = Buffer.from([
      ...gbk.header, ...ascii('\r\n'),
      ...ascii('2026-12-01,'), ...gbk.注册数, ...ascii(',1200\r\n'),
      ...ascii('2026-12-02,'), ...gbk.销售额, ...ascii(',"1,234.50"\r\n'),
    ])
    // Not UTF-8: what the import read before was replacement characters.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    rig.slack.addPersonFile({ user: 'U4', channel: 'C1', filename: '数据.csv', bytes })

    const since = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U4', channelId: 'C1', text: `metrics import #${campaignId}` })
    const preview = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since })).result.view
    const shown = visibleText(preview)
    expect(shown, shown).toContain('*注册数*')
    expect(shown).toContain('*销售额*')
    expect(shown).not.toContain('\uFFFD')
    expect(preview.submit).toBeDefined()

    const recorded = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: preview, values: {} })
    expect(recorded.body.response_action).toBe('update')
    const stored = await withDatabase(rig, (prisma) => prisma.metricEntry.findMany({ where: { campaignId }, orderBy: [{ goalId: 'asc' }, { onDate: 'asc' }] }))
    expect(stored.map((e) => [e.goalId, e.onDate, e.value ?? Number(e.valueMinor), e.source])).toEqual([
      [signups, '2026-12-01', 1200, 'file'],
      [revenue, '2026-12-02', 123450, 'file'],
    ])
  })
})
