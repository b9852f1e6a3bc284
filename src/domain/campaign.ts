// The campaign lifecycle of the method (docs/method.md): kinds, timing nodes, stages and who may move them.
// Pure: no Slack, no database, no clock.

export const campaignKinds = ['own_site', 'platform'] as const
export type CampaignKind = (typeof campaignKinds)[number]

export const platforms = [
  'weibo', 'wechat', 'douyin', 'bilibili', 'xiaohongshu', 'youtube', 'instagram', 'tiktok', 'x', 'other',
] as const
export type Platform = (typeof platforms)[number]

export const timingNodes = ['holiday', 'sales_peak', 'periodic_promotion', 'competitor_response', 'other'] as const
export type TimingNode = (typeof timingNodes)[number]

/** Timing nodes whose note is required: which holiday, which competitor move, what else. */
export const timingNodesNeedingNote: ReadonlySet<TimingNode> = new Set(['holiday', 'competitor_response', 'other'])

export const CampaignStage = {
  Proposed: 'proposed',
  SentBack: 'sent_back',
  Planning: 'planning',
  /** The plan is ready to go live: complete, waiting for its start date. */
  Scheduled: 'scheduled',
  Live: 'live',
  Retrospective: 'retrospective',
  Closed: 'closed',
  Cancelled: 'cancelled',
} as const
export type CampaignStage = (typeof CampaignStage)[keyof typeof CampaignStage]
export const campaignStages: readonly CampaignStage[] = Object.values(CampaignStage)

/** Stages in which a campaign is planned or live: its name is taken in the workspace. */
export function holdsItsName(stage: CampaignStage): boolean {
  return stage !== CampaignStage.Closed && stage !== CampaignStage.Cancelled
}

/** The key under which a name is unique among a workspace's campaigns in flight. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase()
}

export type Campaign = {
  id: number
  teamId: string
  name: string
  stage: CampaignStage
  kind: CampaignKind
  platform: Platform | null
  platformOther: string | null
  timingNode: TimingNode
  timingNote: string | null
  startDate: string
  endDate: string
  channelId: string
  ownerId: string
  approverId: string
  createdById: string
  version: number
  createdAt: Date
  /** Set while a live campaign is paused (issue 7); absent or null = running. */
  pausedAt?: Date | null
  proposal: {
    theme: string
    basicContent: string
    revision: number
    decision: 'approved' | 'sent_back' | null
    decidedById: string | null
    decidedAt: Date | null
    sendBackReason: string | null
  }
}

export const ProposalDecision = { Approve: 'approve', SendBack: 'send_back' } as const
export type ProposalDecision = (typeof ProposalDecision)[keyof typeof ProposalDecision]

/** Where a decision on a proposal takes the campaign. */
export const stageAfterDecision: Record<ProposalDecision, CampaignStage> = {
  approve: CampaignStage.Planning,
  send_back: CampaignStage.SentBack,
}

export type Actor = { userId: string; isWorkspaceAdmin: boolean }

export type Refusal =
  | 'not_the_approver'
  | 'not_the_owner'
  | 'already_decided'
  | 'not_sent_back'

/** May this person approve or send back this proposal, now? null = yes. */
export function refusalToDecide(campaign: Pick<Campaign, 'approverId' | 'stage'>, actor: Actor): Refusal | null {
  if (actor.userId !== campaign.approverId && !actor.isWorkspaceAdmin) return 'not_the_approver'
  if (campaign.stage !== CampaignStage.Proposed) return 'already_decided'
  return null
}

/** May this person revise this proposal, now? Only a sent-back proposal is revised. */
export function refusalToRevise(campaign: Pick<Campaign, 'ownerId' | 'createdById' | 'stage'>, actor: Actor): Refusal | null {
  const isAuthor = actor.userId === campaign.ownerId || actor.userId === campaign.createdById
  if (!isAuthor && !actor.isWorkspaceAdmin) return 'not_the_owner'
  if (campaign.stage !== CampaignStage.SentBack) return 'not_sent_back'
  return null
}

/** Display order of stages in `/campaign list`. */
export const stageOrder: readonly CampaignStage[] = [
  CampaignStage.Proposed, CampaignStage.SentBack, CampaignStage.Planning, CampaignStage.Scheduled,
  CampaignStage.Live, CampaignStage.Retrospective, CampaignStage.Closed, CampaignStage.Cancelled,
]
