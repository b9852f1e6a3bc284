// The retro form's layout inside Slack's limits: every stage of work with two questions, and the
// owner's actuals beside them while they fit in 100 blocks, else on a page of their own.
import { describe, expect, it } from 'vitest'
import { CampaignStage } from '../../src/domain/campaign.ts'
import { retroStages } from '../../src/domain/retro.ts'
import { workStages } from '../../src/domain/tasks.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { retroMessage } from '../../src/slack/retro/notifications.ts'
import { actualsPerPage, retroActualsModal, retroFormModal } from '../../src/slack/retro/modals.ts'
import type { RetroForm } from '../../src/store/retro.ts'
import { checkMessage, checkView } from '../support/blockKitLimits.ts'

function form(goals: number, lines: number, prizes: number): RetroForm {
  return {
    campaign: { id: 3, teamId: 'T1', name: '<!channel> 双十一 & more', stage: CampaignStage.Retrospective, ownerId: 'U1', channelId: 'C1', endDate: '2026-11-11', reportCompiledAt: null },
    currency: 'CNY',
    participants: ['U1', 'U2'],
    stages: retroStages(workStages),
    mine: { overallEffect: 4, biggestLesson: 'Earlier', wouldRunAgain: 'yes', entries: [{ stage: 'content', worked: 'Posts', failed: null }], version: 2, submittedAt: new Date(), updatedAt: new Date() },
    goals: Array.from({ length: goals }, (_, i) => ({ id: i + 1, metric: i % 2 ? 'revenue' : 'custom', customMetric: '收藏', unit: null, money: i % 2 === 1, target: 1000, actual: 900, final: null })),
    lines: Array.from({ length: lines }, (_, i) => ({ id: i + 1, category: 'promotion', channel: 'weibo', amountMinor: 100_000, actualMinor: null })),
    prizes: Array.from({ length: prizes }, (_, i) => ({ id: i + 1, name: `奖品 ${i}`, quantity: 5, givenOut: 3 })),
  }
}

const inputs = (view: { blocks: { type: string; block_id?: string }[] }) => view.blocks.filter((block) => block.type === 'input').map((block) => block.block_id!)

describe('the retro form in Slack', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    const m = messagesFor(locale)

    it(`holds all eight stages and the owner's actuals on one page while they fit (${locale})`, () => {
      const view = retroFormModal({ form: form(10, 20, 10), respondentId: 'U1', m, answeredOn: '2026-11-12' })
      expect(checkView(view)).toBeNull()
      expect(view.blocks.length).toBeLessThanOrEqual(100)
      expect(inputs(view)).toContain('worked:customer_service')
      expect(inputs(view)).toContain('prize:10')
      expect(JSON.parse(view.private_metadata!)).toEqual({ c: 3, v: 2, a: 'inline' })
      expect(JSON.stringify(view.blocks)).not.toContain('<!channel>')
    })

    it(`moves the actuals to a second page when they would not fit, and shows what it can (${locale})`, () => {
      const big = form(40, 20, 60)
      const view = retroFormModal({ form: big, respondentId: 'U1', m, answeredOn: null })
      expect(checkView(view)).toBeNull()
      expect(JSON.parse(view.private_metadata!).a).toBe('next_page')
      expect(inputs(view).some((id) => id.startsWith('goal:'))).toBe(false)
      const actuals = retroActualsModal(big, m)
      expect(checkView(actuals)).toBeNull()
      expect(actuals.blocks.length).toBeLessThanOrEqual(100)
      expect(inputs(actuals)).toHaveLength(actualsPerPage)
    })

    it(`asks no one but the owner for actuals (${locale})`, () => {
      const view = retroFormModal({ form: form(3, 2, 1), respondentId: 'U2', m, answeredOn: null })
      expect(checkView(view)).toBeNull()
      expect(inputs(view).filter((id) => /^(goal|line|prize):/.test(id))).toEqual([])
    })

    it(`posts the prompt with its button within a message's limits (${locale})`, () => {
      const message = retroMessage(m.retro.promptDm('x' as never, '2026-11-11'), 3, locale)
      expect(checkMessage(message)).toBeNull()
      expect(JSON.stringify(message.blocks)).toContain('"action_id":"retro_open","value":"3"')
    })
  }
})
