// The import preview within Block Kit's limits for any file: 10,000 rows across 30 goals with
// thousands refused still make a valid modal that summarises, lists the first problems and says how
// many more; a file with nothing to record has no Record button.
import { describe, expect, it } from 'vitest'
import { planImport, type ImportCell } from '../../src/domain/metricImport.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { importRules, previewModal, storedDays } from '../../src/slack/metricImport/preview.ts'
import type { CampaignFigures, LiveGoal } from '../../src/store/metrics.ts'
import { checkView } from '../support/blockKitLimits.ts'

function figuresOf(goalCount: number): CampaignFigures {
  const goals: LiveGoal[] = Array.from({ length: goalCount }, (_, i) => ({
    id: i + 1, metric: i === 0 ? 'revenue' : 'custom', customMetric: i === 0 ? null : `Metric ${i} <b>`, unit: null, target: 1_000_000,
    basisKind: 'reasoned', basis: 'x', pastCampaignIds: [], dataOwnerId: 'U1', curve: 'linear', isMoney: i === 0, actual: 0, actualAsOf: null, entries: [],
  }))
  return {
    campaign: { id: 7, teamId: 'T1', name: 'Big & bold', stage: 'live', startDate: '2025-01-01', endDate: '2026-12-31', ownerId: 'U1', channelId: 'C1' } as CampaignFigures['campaign'],
    currency: 'USD', goals, paceMarginPercent: 10,
  }
}

describe('the import preview', () => {
  it('fits Block Kit for a 10,000-row file with thousands of refused rows', () => {
    const figures = figuresOf(30)
    const grid: ImportCell[][] = [['date', 'metric', 'value']]
    for (let i = 0; i < 10_000; i++) {
      const day = new Date(Date.UTC(2025, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10)
      grid.push([day, i % 3 === 0 ? `Nope ${'x'.repeat(200)}` : `Metric ${(i % 29) + 1} <b>`, String(i)])
    }
    const m = messagesFor('en')
    const plan = planImport(grid, importRules(figures, { userId: 'U1', isWorkspaceAdmin: false }, '2026-12-07'), storedDays(figures))
    expect(plan.rejected.length).toBeGreaterThan(3000)
    const view = previewModal({ figures, plan, fileName: 'big <file>.csv', fileId: 'F0000000001', m })
    expect(checkView(view)).toBeNull()
    expect(view.blocks.length).toBeLessThanOrEqual(100)
    const text = JSON.stringify(view.blocks)
    expect(text).toContain(`more rows not recorded`)
    expect(text).toContain('big &lt;file&gt;.csv')
    expect(text).not.toContain('<b>')
    expect(view.submit).toBeDefined()
  })

  it('offers no Record when nothing would be recorded', () => {
    const figures = figuresOf(2)
    const m = messagesFor('zh-CN')
    const plan = planImport([['日期', '指标', '数值'], ['2026-12-01', '不存在', '1']], importRules(figures, { userId: 'U1', isWorkspaceAdmin: false }, '2026-12-07'), [])
    const view = previewModal({ figures, plan, fileName: 'a.csv', fileId: 'F0000000002', m })
    expect(checkView(view)).toBeNull()
    expect(view.submit).toBeUndefined()
    expect(JSON.stringify(view.blocks)).toContain('第 2 行：本活动没有这个指标的目标')
  })
})
