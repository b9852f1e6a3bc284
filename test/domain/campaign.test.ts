import { describe, expect, it } from 'vitest'
import {
  campaignStages, CampaignStage, holdsItsName, nameKey, ProposalDecision, refusalToDecide, refusalToRevise,
  stageAfterDecision, stageOrder, type Actor,
} from '../../src/domain/campaign.ts'

describe('nameKey', () => {
  it('ignores case', () => {
    expect(nameKey('Spring Sale')).toBe(nameKey('SPRING sale'))
    expect(nameKey('Spring Sale')).toBe('spring sale')
  })

  it('ignores outer spaces and collapses inner runs of white space', () => {
    expect(nameKey('  Spring   Sale ')).toBe('spring sale')
    expect(nameKey('Spring\t\nSale')).toBe('spring sale')
  })

  it('folds full-width letters, digits and the ideographic space (NFKC)', () => {
    expect(nameKey('ＳＰＲＩＮＧ　ＳＡＬＥ')).toBe('spring sale')
    expect(nameKey('双１１大促')).toBe(nameKey('双11大促'))
    expect(nameKey('　双11大促　')).toBe('双11大促')
  })

  it('keeps names that really differ apart', () => {
    expect(nameKey('Spring Sale')).not.toBe(nameKey('Spring Sales'))
    expect(nameKey('双11大促')).not.toBe(nameKey('双12大促'))
    expect(nameKey('SpringSale')).not.toBe(nameKey('Spring Sale'))
  })
})

describe('holdsItsName', () => {
  it.each([CampaignStage.Proposed, CampaignStage.SentBack, CampaignStage.Planning, CampaignStage.Scheduled, CampaignStage.Live, CampaignStage.Retrospective])(
    'a campaign in %s holds its name',
    (stage) => {
      expect(holdsItsName(stage)).toBe(true)
    },
  )

  it.each([CampaignStage.Closed, CampaignStage.Cancelled])('a campaign in %s frees its name', (stage) => {
    expect(holdsItsName(stage)).toBe(false)
  })

  it('covers every stage, and the list order shows every stage once', () => {
    expect(campaignStages).toHaveLength(8)
    expect([...stageOrder].sort()).toEqual([...campaignStages].sort())
  })
})

const approver: Actor = { userId: 'UAPPROVER', isWorkspaceAdmin: false }
const admin: Actor = { userId: 'UADMIN', isWorkspaceAdmin: true }
const stranger: Actor = { userId: 'USTRANGER', isWorkspaceAdmin: false }
const owner: Actor = { userId: 'UOWNER', isWorkspaceAdmin: false }
const creator: Actor = { userId: 'UCREATOR', isWorkspaceAdmin: false }

describe('refusalToDecide', () => {
  const proposed = { approverId: 'UAPPROVER', stage: CampaignStage.Proposed }

  it('lets the approver decide a proposed campaign', () => {
    expect(refusalToDecide(proposed, approver)).toBeNull()
  })

  it('lets a workspace admin decide in the approver’s place', () => {
    expect(refusalToDecide(proposed, admin)).toBeNull()
  })

  it('refuses anyone else, even the owner', () => {
    expect(refusalToDecide(proposed, stranger)).toBe('not_the_approver')
    expect(refusalToDecide(proposed, owner)).toBe('not_the_approver')
  })

  it.each([CampaignStage.SentBack, CampaignStage.Planning, CampaignStage.Live, CampaignStage.Closed, CampaignStage.Cancelled])(
    'refuses a second decision once the campaign is %s, even for the approver and an admin',
    (stage) => {
      const decided = { approverId: 'UAPPROVER', stage }
      expect(refusalToDecide(decided, approver)).toBe('already_decided')
      expect(refusalToDecide(decided, admin)).toBe('already_decided')
    },
  )
})

describe('refusalToRevise', () => {
  const sentBack = { ownerId: 'UOWNER', createdById: 'UCREATOR', stage: CampaignStage.SentBack }

  it('lets the owner, the creator and a workspace admin revise a sent-back proposal', () => {
    expect(refusalToRevise(sentBack, owner)).toBeNull()
    expect(refusalToRevise(sentBack, creator)).toBeNull()
    expect(refusalToRevise(sentBack, admin)).toBeNull()
  })

  it('refuses a stranger, and the approver who is neither owner nor creator', () => {
    expect(refusalToRevise(sentBack, stranger)).toBe('not_the_owner')
    expect(refusalToRevise(sentBack, approver)).toBe('not_the_owner')
  })

  it.each([CampaignStage.Proposed, CampaignStage.Planning, CampaignStage.Live, CampaignStage.Retrospective, CampaignStage.Closed, CampaignStage.Cancelled])(
    'refuses a revision while the campaign is %s',
    (stage) => {
      const campaign = { ...sentBack, stage }
      expect(refusalToRevise(campaign, owner)).toBe('not_sent_back')
      expect(refusalToRevise(campaign, creator)).toBe('not_sent_back')
      expect(refusalToRevise(campaign, admin)).toBe('not_sent_back')
    },
  )
})

describe('stageAfterDecision', () => {
  it('takes an approved proposal to the full plan and a sent-back one back to its author', () => {
    expect(stageAfterDecision[ProposalDecision.Approve]).toBe(CampaignStage.Planning)
    expect(stageAfterDecision[ProposalDecision.SendBack]).toBe(CampaignStage.SentBack)
  })

  it('leaves a sent-back campaign holding its name and open to revision', () => {
    const stage = stageAfterDecision.send_back
    expect(holdsItsName(stage)).toBe(true)
    expect(refusalToRevise({ ownerId: 'UOWNER', createdById: 'UOWNER', stage }, owner)).toBeNull()
    expect(refusalToDecide({ approverId: 'UAPPROVER', stage }, approver)).toBe('already_decided')
  })
})
