// Stage 1 of the method: the proposal (creative theme, basic content and its timing).
// One zod schema turns what a person typed into a valid proposal or into errors per field.
import { z } from 'zod'
import { campaignKinds, platforms, timingNodes, timingNodesNeedingNote } from './campaign.ts'
import { daysBetween, isIsoDate, lengthWarning, type LengthWarning } from './dates.ts'
import { withoutControlCharacters } from './text.ts'

export const proposalLimits = {
  name: 80,
  theme: 150,
  basicContent: 500,
  timingNote: 200,
  platformOther: 50,
  sendBackReason: 1000,
  /** docs/method.md: the campaign in 1–2 precise sentences. */
  basicContentSentences: 2,
} as const

/** What can be wrong with one field; the Slack layer turns a code into words in the person's language. */
export type FieldErrorCode =
  | 'required'
  | 'too_long'
  | 'too_many_sentences'
  | 'invalid_date'
  | 'start_in_past'
  | 'end_not_after_start'
  | 'platform_required'
  | 'platform_other_required'
  | 'timing_note_required'
  | 'name_taken'
  | 'user_is_bot'
  | 'user_deactivated'
  | 'user_unknown'
  | 'channel_unreachable'
  /** A choice (select, radio, checkbox) the form never offered: forged, or from an older form. */
  | 'not_offered'

export const proposalFields = [
  'name', 'theme', 'basicContent', 'kind', 'platform', 'platformOther', 'timingNode', 'timingNote',
  'startDate', 'endDate', 'channelId', 'ownerId', 'approverId',
] as const
export type ProposalField = (typeof proposalFields)[number]
export type FieldErrors<F extends string = ProposalField> = Partial<Record<F, { code: FieldErrorCode; max?: number }>>

// Building a segmenter costs more than using one; they are stateless, so one per locale serves all.
const sentenceSegmenters = new Map<string, Intl.Segmenter>()

/** How many sentences a text has, in any language (Intl knows 。！？ as well as . ! ?). */
export function sentenceCount(text: string, locale = 'zh'): number {
  let segmenter = sentenceSegmenters.get(locale)
  if (!segmenter) sentenceSegmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' })))
  let count = 0
  for (const { segment } of segmenter.segment(text)) if (/[\p{L}\p{N}]/u.test(segment)) count += 1
  return count
}

// The Slack edge already removed control characters (slack/inbound.ts); stripped again here so that
// no other way in can store a NUL, which PostgreSQL refuses and SQLite keeps.
const requiredText = (max: number) =>
  z.string({ error: 'required' }).overwrite(withoutControlCharacters).trim().min(1, 'required').max(max, 'too_long')
const optionalText = (max: number) =>
  z.string().overwrite(withoutControlCharacters).trim().max(max, 'too_long').nullish().transform((value) => (value ? value : null))
const isoDate = z.string({ error: 'required' }).refine(isIsoDate, 'invalid_date')
const slackId = z.string({ error: 'required' }).regex(/^[A-Z0-9]{2,}$/, 'required')
/** One of the choices the form offers: nothing chosen is 'required', anything else 'not_offered'. */
const offered = <const T extends readonly [string, ...string[]]>(choices: T) =>
  z.enum(choices, { error: (issue) => (issue.input === undefined || issue.input === null ? 'required' : 'not_offered') })

/** The proposal as a person submits it: field rules that need no outside knowledge. */
export const proposalInputSchema = z.object({
  name: requiredText(proposalLimits.name),
  theme: requiredText(proposalLimits.theme),
  basicContent: requiredText(proposalLimits.basicContent).refine(
    (text) => sentenceCount(text) <= proposalLimits.basicContentSentences,
    'too_many_sentences',
  ),
  kind: offered(campaignKinds),
  platform: offered(platforms).nullish().transform((value) => value ?? null),
  platformOther: optionalText(proposalLimits.platformOther),
  timingNode: offered(timingNodes),
  timingNote: optionalText(proposalLimits.timingNote),
  startDate: isoDate,
  endDate: isoDate,
  channelId: slackId,
  ownerId: slackId,
  approverId: slackId,
})
export type ProposalInput = z.input<typeof proposalInputSchema>
export type Proposal = z.output<typeof proposalInputSchema>

export type ProposalCheck =
  | { ok: true; proposal: Proposal; warning: LengthWarning | null }
  | { ok: false; errors: FieldErrors }

/**
 * Checks a submitted proposal on `today` (the submitter's local date): every field rule, then
 * the rules between fields. A window outside 7–28 days is a warning, not an error.
 */
export function checkProposal(input: unknown, today: string): ProposalCheck {
  const errors: FieldErrors = {}
  // Anything but a plain object reads as an empty form, so every error lands on a field.
  const isForm = typeof input === 'object' && input !== null && !Array.isArray(input)
  const parsed = proposalInputSchema.safeParse(isForm ? input : {})
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ProposalField
      if (errors[field]) continue
      const code = (issue.message in codesCarriedBySchema ? issue.message : 'required') as FieldErrorCode
      errors[field] = code === 'too_long' ? { code, max: maxLengthOf(field) } : { code }
    }
    return { ok: false, errors }
  }
  const proposal = parsed.data
  if (proposal.kind === 'platform' && !proposal.platform) errors.platform = { code: 'platform_required' }
  if (proposal.kind === 'platform' && proposal.platform === 'other' && !proposal.platformOther) {
    errors.platformOther = { code: 'platform_other_required' }
  }
  if (timingNodesNeedingNote.has(proposal.timingNode) && !proposal.timingNote) {
    errors.timingNote = { code: 'timing_note_required' }
  }
  if (daysBetween(today, proposal.startDate) < 0) errors.startDate = { code: 'start_in_past' }
  if (daysBetween(proposal.startDate, proposal.endDate) <= 0) errors.endDate = { code: 'end_not_after_start' }
  if (Object.keys(errors).length > 0) return { ok: false, errors }

  // A site campaign has no platform, whatever the form still held.
  const normalized: Proposal =
    proposal.kind === 'own_site' ? { ...proposal, platform: null, platformOther: null }
    : proposal.platform === 'other' ? proposal : { ...proposal, platformOther: null }
  return { ok: true, proposal: normalized, warning: lengthWarning(proposal.startDate, proposal.endDate) }
}

// Codes a zod issue may carry as its message; anything else (a wrong type) reads as 'required'.
const codesCarriedBySchema: Record<string, true> = {
  required: true, too_long: true, too_many_sentences: true, invalid_date: true, not_offered: true,
}

function maxLengthOf(field: ProposalField): number | undefined {
  return field in proposalLimits ? proposalLimits[field as keyof typeof proposalLimits] : undefined
}

export const sendBackReasonSchema = requiredText(proposalLimits.sendBackReason)
