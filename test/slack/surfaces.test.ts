// Every surface the app builds, in both languages and with every field at its longest, fits the
// limits Slack enforces (the same checks the fake Slack applies to live calls).
import { describe, expect, it } from 'vitest'
import type { Campaign } from '../../src/domain/campaign.ts'
import { proposalLimits } from '../../src/domain/proposal.ts'
import { messagesFor, supportedLocales } from '../../src/i18n/catalogue.ts'
import { sendBackModal } from '../../src/slack/proposal/actions.ts'
import { campaignDetailMessage, campaignListMessage, severalMatchesMessage } from '../../src/slack/campaigns/message.ts'
import { helpMessage } from '../../src/slack/campaignHelp.ts'
import { proposalCard } from '../../src/slack/proposal/message.ts'
import { proposalDecided, proposalRevised, proposalSubmitted } from '../../src/slack/proposal/notifications.ts'
import { prefillFromCampaign, proposalModal } from '../../src/slack/proposal/modal.ts'
import { checkMessage, checkView } from '../support/blockKitLimits.ts'

function longest(id: number, overrides: Partial<Campaign> = {}): Campaign {
  return {
    id, teamId: 'T1', name: '名'.repeat(proposalLimits.name), stage: 'proposed', kind: 'platform', platform: 'other',
    platformOther: '<&>'.repeat(17), timingNode: 'competitor_response', timingNote: '竞'.repeat(proposalLimits.timingNote),
    startDate: '2026-12-10', endDate: '2027-03-10', channelId: 'C1', ownerId: 'U1', approverId: 'U2', createdById: 'U1',
    version: 3, createdAt: new Date('2026-12-01T02:00:00Z'),
    proposal: {
      theme: '<'.repeat(proposalLimits.theme), basicContent: '&'.repeat(proposalLimits.basicContent), revision: 4,
      decision: 'sent_back', decidedById: 'U2', decidedAt: new Date('2026-12-02T02:00:00Z'), sendBackReason: '>'.repeat(proposalLimits.sendBackReason),
    },
    ...overrides,
  }
}

describe.each(supportedLocales)('surfaces in %s', (locale) => {
  const m = messagesFor(locale)
  const campaign = longest(1)

  it('modals', () => {
    expect(checkView(proposalModal(m, { mode: 'new' }, { ownerId: 'U1' }))).toBeNull()
    expect(checkView(proposalModal(m, { mode: 'revise', campaignId: 1, version: 3 }, prefillFromCampaign(campaign)))).toBeNull()
    expect(checkView(sendBackModal(m, campaign))).toBeNull()
  })

  it('messages', () => {
    for (const stage of ['proposed', 'sent_back', 'planning'] as const) {
      expect(checkMessage(proposalCard({ ...campaign, stage }, m))).toBeNull()
    }
    expect(checkMessage(helpMessage(m))).toBeNull()
    expect(checkMessage(helpMessage(m, 'x'.repeat(3000)))).toBeNull()
    expect(checkMessage(campaignDetailMessage(campaign, m))).toBeNull()
    const many = Array.from({ length: 120 }, (_, i) => longest(i + 1, { stage: (['proposed', 'planning', 'live', 'closed'] as const)[i % 4]! }))
    expect(checkMessage(campaignListMessage(many, m))).toBeNull()
    expect(checkMessage(campaignListMessage([], m))).toBeNull()
    expect(checkMessage(severalMatchesMessage('名', many, m))).toBeNull()
  })

  it('outbox posts', () => {
    const locales = { card: locale, recipient: locale, submitter: locale }
    const drafts = [
      ...proposalSubmitted(campaign, locales),
      ...proposalRevised(campaign, locales),
      ...proposalDecided(campaign, locales),
      ...proposalDecided({ ...campaign, stage: 'planning', proposal: { ...campaign.proposal, decision: 'approved' } }, locales),
    ]
    for (const draft of drafts) expect(checkMessage(draft.payload)).toBeNull()
    expect(new Set(drafts.map((d) => d.dedupeKey)).size).toBeGreaterThan(3)
  })

  it('every user text reaches Slack escaped', () => {
    const raw = JSON.stringify(proposalCard(campaign, m))
    expect(raw).not.toMatch(/<<|&&|>>/)
    expect(raw).toContain('&lt;&lt;')
  })
})
