// Figures-file bench (issue 17): a 10,000-row CSV (20 goals × 500 days) imported as a person does
// it, over HTTP against the app in this process: the upload modal's submission (files.info, the
// download of url_private from the fake Slack, reading, checking, the preview) and Record (the file
// read again, then stored in one transaction). Three imports per round: the file new (10,000
// entries added), every figure changed (10,000 corrections, each with its revision), and the same
// file again (nothing written). Target: preview + record of the new file under 2 s on SQLite.
// Run alone with `npx tsx bench/metricImport.ts`; bench/run.ts calls benchMetricImport() too.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { startCampaignDesk } from '../src/campaignDesk.ts'
import { parseConfig } from '../src/config.ts'
import { createLogger } from '../src/logger.ts'
import { AppClient } from '../src/sandbox/slackRequests.ts'
import { importModalIds } from '../src/slack/metricImport/preview.ts'
import { openDatabase } from '../src/store/database.ts'
import { startFakeSlack } from '../test/support/fakeSlack.ts'
import { seedCampaign } from '../test/support/live.ts'
import { summarize } from './stats.ts'

const GOALS = 20
const DAYS = 500
const ROUNDS = 3
const botToken = 'xoxb-bench-token'
const signingSecret = 'bench-signing-secret-0123456789'
const now = new Date('2026-12-07T10:00:00Z')
const importer = 'UOWN'

type Timing = { medianMs: number; p99Ms: number }
export type MetricImportBench = { added: Timing & { previewMs: number; recordMs: number }; corrected: Timing; unchanged: Timing; rows: number; blocks: number; lines: string[] }

function figuresCsv(bump: number): Buffer {
  const lines = ['date,metric,value,mode']
  const first = Date.UTC(2025, 5, 1)
  for (let goal = 0; goal < GOALS; goal++) {
    for (let day = 0; day < DAYS; day++) {
      const date = new Date(first + day * 86_400_000).toISOString().slice(0, 10)
      lines.push(`${date},Metric ${goal + 1},"${(1000 + day * 3 + goal + bump).toLocaleString('en')}",day`)
    }
  }
  return Buffer.from(lines.join('\n'), 'utf8')
}

export async function benchMetricImport(): Promise<MetricImportBench> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-import-'))
  const fake = await startFakeSlack({ botToken })
  let app: Awaited<ReturnType<typeof startCampaignDesk>> | null = null
  try {
    fake.addUser({ id: importer, teamId: 'T1', tz: 'Europe/London' })
    fake.addChannel({ id: 'C1', name: 'campaigns', members: [fake.botUserId, importer] })
    const config = parseConfig({
      SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl,
      PORT: '0', DATABASE_URL: `file:${path.join(tmp, 'import.db')}`, LOG_LEVEL: 'silent',
    })
    app = await startCampaignDesk(config, { clock: { now: () => now }, logger: createLogger('silent'), dispatcher: { pollMs: 1000 } })
    const client = new AppClient({ baseUrl: app.url!, signingSecret, slack: fake })
    const files = [figuresCsv(0), figuresCsv(1)]
    let blocks = 0

    /** Upload submission → preview, then Record → stored; the two times in ms. */
    async function importOnce(campaignId: number, bytes: Buffer): Promise<{ previewMs: number; recordMs: number }> {
      const file = fake.addPersonFile({ user: importer, filename: 'figures.csv', bytes })
      const upload = { id: `VBENCH${campaignId}`, type: 'modal', callback_id: importModalIds.upload, private_metadata: JSON.stringify({ c: campaignId }) }
      const t0 = performance.now()
      const previewed = await client.viewSubmission({
        teamId: 'T1', userId: importer, view: upload,
        values: { [importModalIds.fileBlock]: { [importModalIds.fileAction]: { type: 'file_input', files: [{ id: file.id, name: file.filename }] } } },
      })
      const t1 = performance.now()
      if (previewed.body?.response_action !== 'update') throw new Error(`bench: the preview answered ${JSON.stringify(previewed.body).slice(0, 300)}`)
      blocks = previewed.body.view.blocks.length
      const t2 = performance.now()
      const recorded = await client.viewSubmission({ teamId: 'T1', userId: importer, view: { ...previewed.body.view, id: upload.id }, values: {} })
      const t3 = performance.now()
      if (recorded.body?.response_action !== 'update') throw new Error(`bench: Record answered ${JSON.stringify(recorded.body).slice(0, 300)}`)
      fake.reset()
      fake.files.length = 0
      return { previewMs: t1 - t0, recordMs: t3 - t2 }
    }

    const added: Array<{ previewMs: number; recordMs: number }> = []
    const corrected: number[] = []
    const unchanged: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const database = await openDatabase(config.database)
      const { campaignId } = await seedCampaign(database.prisma, {
        name: `Import bench ${round}`, ownerId: importer, startDate: '2025-06-01', endDate: '2026-12-31', timeZone: 'Europe/London',
        goals: Array.from({ length: GOALS }, (_, i) => ({ metric: 'custom', customMetric: `Metric ${i + 1}`, targetValue: 1_000_000, dataOwnerId: importer })),
      })
      await database.close()
      added.push(await importOnce(campaignId, files[0]!))
      const change = await importOnce(campaignId, files[1]!)
      corrected.push(change.previewMs + change.recordMs)
      const same = await importOnce(campaignId, files[1]!)
      unchanged.push(same.previewMs + same.recordMs)
    }
    const timing = (samples: number[]): Timing => {
      const { median, p99 } = summarize(samples)
      return { medianMs: median, p99Ms: p99 }
    }
    const addedTotal = timing(added.map((a) => a.previewMs + a.recordMs))
    const previewMs = summarize(added.map((a) => a.previewMs)).median
    const recordMs = summarize(added.map((a) => a.recordMs)).median
    const f = (x: number) => x.toFixed(0)
    const rows = GOALS * DAYS
    return {
      added: { ...addedTotal, previewMs, recordMs }, corrected: timing(corrected), unchanged: timing(unchanged), rows, blocks,
      lines: [
        `Figures file, ${rows.toLocaleString('en')} rows (${GOALS} goals × ${DAYS} days), preview + record over HTTP, SQLite (ms; n=${ROUNDS}; target ≤ 2000):`,
        `  new: 10,000 entries added               median ${f(addedTotal.medianMs)}  max ${f(addedTotal.p99Ms)}   (preview ${f(previewMs)}, record ${f(recordMs)}; preview ${blocks} blocks)`,
        `  every figure changed: 10,000 corrections median ${f(timing(corrected).medianMs)}  max ${f(timing(corrected).p99Ms)}   (each with its revision)`,
        `  the same file again: nothing written     median ${f(timing(unchanged).medianMs)}  max ${f(timing(unchanged).p99Ms)}`,
      ],
    }
  } finally {
    await app?.stop()
    await fake.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchMetricImport()
  process.stdout.write(`${r.lines.join('\n')}\n(node ${process.version})\n`)
}
