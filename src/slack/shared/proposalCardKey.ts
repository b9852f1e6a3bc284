// The outbox key of a campaign's proposal card: the proposal stage posts it, and later stages
// reply in its thread (a campaign's own channel says there where the campaign went).
export const proposalCardKey = (campaignId: number): string => `proposal-card:${campaignId}`
