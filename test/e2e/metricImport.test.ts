// Figures imported from a file end to end (issue 17), against the stand-in for Slack: a data owner
// picks a CSV in the Enter figures modal's "Import a file…", sees per goal and day what will be
// recorded and each refused row with its reason, and records it; the same file again through
// `/campaign metrics import` adds nothing; an .xlsx with a changed figure shows and records a
// correction, kept in the history with its source.
import writeXlsxFile from 'write-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enterMetricsAction } from '../../src/slack/metrics/actions.ts'
import { importFiguresAction } from '../../src/slack/metricImport/actions.ts'
import { importModalIds } from '../../src/slack/metricImport/preview.ts'
import { checkView } from '../support/blockKitLimits.ts'
import { testProviders } from '../support/databases.ts'
import { botToken, startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople, visibleText } from '../support/proposals.ts'

const goodAndBad = [
  'date,metric,value,mode',
  '2026-12-01,sign-ups,"1,200",',
  '2026-12-02,注册数,１３００,day',
  '2026-12-02,revenue,"$1,234.50",',
  '2026-12-03,revenue,500,',
  '2026-12-03,likes,5,', // no such goal
  '2026-12-04,orders,7,', // not this person's goal
  '2026-11-30,signups,5,', // before the start
  '2026-12-09,signups,5,', // still to come
  '2026-12-04,signups,lots,', // not a number
  '2026-12-01,signups,"1,200",', // the same row again
].join('\r\n')

const fileInput = (id: string, name: string) => ({ [importModalIds.fileBlock]: { [importModalIds.fileAction]: { type: 'file_input', files: [{ id, name }] } } })

describe.each(testProviders())('figures imported from a file on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'mei', tz: 'Europe/London', locale: 'en-GB' })
  })
  afterAll(async () => rig.close())

  const entryRows = (campaignId: number) => withDatabase(rig, (prisma) => prisma.metricEntry.findMany({ where: { campaignId }, orderBy: [{ goalId: 'asc' }, { onDate: 'asc' }] }))

  it('previews a file with good and bad rows, records the good ones, adds nothing the second time, and records a changed figure as a correction', async () => {
    rig.clock.set('2026-12-07T10:00:00Z')
    const { campaignId, goalIds } = await seedLiveCampaign(rig, {
      name: 'Winter tea week', startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Europe/London', currency: 'USD',
      goals: [
        { metric: 'signups', targetValue: 10000, dataOwnerId: 'U4' },
        { metric: 'revenue', targetMinor: 5_000_000n, dataOwnerId: 'U4' },
        { metric: 'orders', targetValue: 300, dataOwnerId: 'U3' },
      ],
    })
    const [signups, revenue] = goalIds as [number, number, number]

    // The Enter figures modal carries "Import a file…", which pushes the upload modal.
    let since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId: enterMetricsAction, value: String(campaignId), message: { ts: '1.000001', channel: 'DU4' } })
    const entry = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since })).result.view
    expect(entry.blocks[0].accessory).toMatchObject({ action_id: importFiguresAction, value: String(campaignId) })
    since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId: importFiguresAction, value: String(campaignId), view: { id: entry.id, type: 'modal', callback_id: entry.callback_id } })
    const pushed = await rig.slack.waitFor('views.push', () => true, { since })
    expect(pushed.result.ok, JSON.stringify(pushed.result)).toBe(true)
    const upload = pushed.result.view
    expect(upload.callback_id).toBe(importModalIds.upload)
    expect(JSON.stringify(upload.blocks)).toContain('"type":"file_input"')

    // No file chosen: said on the field.
    const none = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: upload, values: {} })
    expect(none.body).toMatchObject({ response_action: 'errors', errors: { [importModalIds.fileBlock]: 'Choose a CSV or .xlsx file.' } })

    // The preview: per goal what will be recorded, and each refused row with its reason. Nothing stored yet.
    const csv = rig.slack.addPersonFile({ user: 'U4', filename: 'figures.csv', bytes: Buffer.from(`\uFEFF${goodAndBad}`, 'utf8') })
    since = rig.slack.calls.length
    const previewed = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: upload, values: fileInput(csv.id, csv.filename) })
    expect(previewed.body.response_action, JSON.stringify(previewed.body)).toBe('update')
    // response_action update keeps the modal's id.
    const preview = { ...previewed.body.view, id: upload.id }
    expect(checkView(preview)).toBeNull()
    const download = rig.slack.calls.slice(since).find((c) => c.method === 'files.download')!
    expect(download.token).toBe(botToken)
    const shown = visibleText(preview)
    expect(shown).toContain('*4* new days · *0* corrections · 0 already recorded (nothing to do) · *6* rows not recorded')
    expect(shown).toContain('*sign-ups*: 2 new, 0 corrected, 0 unchanged')
    expect(shown).toContain('2026-12-02: +$1,234.50')
    for (const reason of ['Row 6: no goal of this campaign has that metric', 'Row 7: you do not report this goal', 'Row 8: before the campaign started',
      'Row 9: a day still to come', 'Row 10: the value is not a number', 'Row 11: repeats row 2']) expect(shown).toContain(reason)
    expect(await entryRows(campaignId)).toHaveLength(0)

    // Record: entries by this person, from a file; each goal's figure so far follows.
    const recorded = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: preview, values: {} })
    expect(recorded.body.response_action).toBe('update')
    expect(visibleText(recorded.body.view)).toContain('Recorded 4 figures')
    const stored = await entryRows(campaignId)
    expect(stored.map((e) => [e.goalId, e.onDate, e.value ?? Number(e.valueMinor), e.source, e.reportedBy, e.version])).toEqual([
      [signups, '2026-12-01', 1200, 'file', 'U4', 0],
      [signups, '2026-12-02', 1300, 'file', 'U4', 0],
      [revenue, '2026-12-02', 123450, 'file', 'U4', 0],
      [revenue, '2026-12-03', 50000, 'file', 'U4', 0],
    ])
    const goals = await withDatabase(rig, (prisma) => prisma.goal.findMany({ where: { campaignId }, orderBy: { id: 'asc' } }))
    expect(goals.map((g) => [g.actualValue, g.actualMinor, g.actualAsOf])).toEqual([[2500, null, '2026-12-02'], [null, 173450n, '2026-12-03'], [null, null, null]])

    // Confirming the same preview again records nothing: read again, it would write nothing now.
    const twice = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: preview, values: {} })
    expect(visibleText(twice.body.view)).toContain('changed since this preview')
    expect(twice.body.view.submit).toBeUndefined()
    expect(await entryRows(campaignId)).toHaveLength(4)

    // The same file shared in the channel, through /campaign metrics import (the channel's campaign): nothing to record.
    rig.slack.addPersonFile({ user: 'U4', channel: 'C1', filename: 'figures again.csv', bytes: Buffer.from(goodAndBad, 'utf8') })
    since = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U4', channelId: 'C1', text: 'metrics import' })
    const again = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since })).result.view
    expect(rig.slack.calls.slice(since).find((c) => c.method === 'files.list')?.args).toMatchObject({ channel: 'C1', user: 'U4' })
    expect(visibleText(again)).toContain('*0* new days · *0* corrections · 4 already recorded (nothing to do)')
    expect(visibleText(again)).toContain('Nothing to record')
    expect(again.submit).toBeUndefined()
    expect(await entryRows(campaignId)).toHaveLength(4)

    // A changed figure, as an .xlsx: previewed as a correction, recorded with the old one kept.
    const xlsx = await writeXlsxFile([
      [{ value: '日期' }, { value: '指标' }, { value: '数值' }],
      [{ value: new Date(Date.UTC(2026, 11, 1)), type: Date, format: 'yyyy-mm-dd' }, { value: 'Sign-ups' }, { value: 1250, type: Number }],
      [{ value: new Date(Date.UTC(2026, 11, 2)), type: Date, format: 'yyyy-mm-dd' }, { value: 'revenue' }, { value: 1234.5, type: Number }],
    ] as never).toBuffer()
    rig.slack.addPersonFile({ user: 'U4', channel: 'C1', filename: 'corrections.xlsx', bytes: xlsx })
    since = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U4', channelId: 'C1', text: `metrics import Winter tea week` })
    const correction = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since })).result.view
    expect(checkView(correction)).toBeNull()
    expect(visibleText(correction)).toContain('*0* new days · *1* correction · 1 already recorded')
    expect(visibleText(correction)).toContain('2026-12-01: +1,250 _(correction, was 1,200)_')
    const corrected = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: correction, values: {} })
    expect(visibleText(corrected.body.view)).toContain('Recorded 1 figure for *Winter tea week* (1 correction)')
    const edited = (await entryRows(campaignId)).find((e) => e.goalId === signups && e.onDate === '2026-12-01')!
    expect([edited.value, edited.version, edited.source]).toEqual([1250, 1, 'file'])
    const revisions = await withDatabase(rig, (prisma) => prisma.metricEntryRevision.findMany({ where: { entryId: edited.id } }))
    expect(revisions.map((r) => [r.value, r.source, r.replacedBy])).toEqual([[1200, 'file', 'U4']])
    expect(await entryRows(campaignId)).toHaveLength(4)

    // The history shows where each figure came from and which was corrected.
    const sinceResponses = rig.slack.responses.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U4', channelId: 'C1', text: `metrics #${campaignId}` })
    const history = visibleText((await rig.slack.waitForResponse(() => true, { since: sinceResponses })).body)
    expect(history).toContain('2026-12-01 +1,250 (from a file, corrected)')
    expect(history).toContain('2026-12-02 +1,300 (from a file)')
  })

  it('says so when the person shared no figures file in the channel', async () => {
    const { campaignId } = await seedLiveCampaign(rig, {
      name: 'No file week', startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Europe/London',
      goals: [{ metric: 'signups', targetValue: 100, dataOwnerId: 'U4' }],
    })
    rig.slack.addPersonFile({ user: 'U4', channel: 'C1', filename: 'photo.png', bytes: Buffer.from('not a sheet') })
    rig.slack.addPersonFile({ user: 'U3', channel: 'C1', filename: 'someone-else.csv', bytes: Buffer.from('date,metric,value\n') })
    const since = rig.slack.responses.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: `metrics import #${campaignId}` })
    const answer = (await rig.slack.waitForResponse(() => true, { since })).body
    expect(answer.text).toContain('I found no CSV or .xlsx file you shared in <#C1>')
  })
})
