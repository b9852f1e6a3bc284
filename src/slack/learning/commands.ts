// `/campaign lessons [purpose | kind | platform]` lists the lessons of the workspace's closed
// campaigns, newest first; `/campaign export <campaign> [dm]` uploads the whole campaign as a
// workbook and a Markdown document into its channel (or as a DM: asked for, or when the app
// cannot post there). Like the Gantt picture, the files go to Slack directly: they are the answer
// to a person waiting for them, not a post the app makes on its own.
import { campaignKinds, platforms } from '../../domain/campaign.ts'
import { peopleNamed } from '../../domain/campaignExport.ts'
import { lessonsNewestFirst, type LessonFilter } from '../../domain/learning.ts'
import { purposes } from '../../domain/plan.ts'
import { messagesFor, supportedLocales, type Messages } from '../../i18n/catalogue.ts'
import { context as contextBlock, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionChannel, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { slackErrorCode, uploadJoiningIfNeeded } from '../shared/upload.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { oneCampaign, type CommandContext } from '../commandContext.ts'

/** Lessons listed in one answer; the rest are counted. */
export const lessonsShown = 15

const normalise = (word: string) => word.trim().toLowerCase().replace(/[\s_-]+/g, ' ')

/** A purpose, kind or platform by its key or its name in any language of the catalogue; undefined when unknown. */
export function readLessonFilter(word: string): LessonFilter | null | undefined {
  const wanted = normalise(word)
  if (wanted === '') return null
  for (const locale of supportedLocales) {
    const m = messagesFor(locale)
    for (const purpose of purposes) if ([purpose, m.names.purpose[purpose]].some((w) => normalise(w) === wanted)) return { purpose }
    for (const kind of campaignKinds) if ([kind, m.kind[kind]].some((w) => normalise(w) === wanted)) return { kind }
    for (const platform of platforms) if ([platform, m.platform[platform]].some((w) => normalise(w) === wanted)) return { platform }
  }
  return undefined
}

function filterName(filter: LessonFilter, m: Messages): string {
  if ('purpose' in filter) return m.names.purpose[filter.purpose]
  if ('kind' in filter) return m.kind[filter.kind]
  return m.platform[filter.platform]
}

export async function lessonsCommand({ services, command, respond, m, rest }: CommandContext): Promise<void> {
  const filter = readLessonFilter(rest)
  if (filter === undefined) return void (await respond(ephemeral(`${m.learning.lessons.unknownFilter(escapeMrkdwn(rest.slice(0, 50)))}\n${m.learning.lessons.usage}`)))
  const name = filter ? escapeMrkdwn(filterName(filter, m)) : null
  const lessons = lessonsNewestFirst(await services.store.learning.lessons(command.team_id), filter)
  if (lessons.length === 0) return void (await respond(ephemeral(m.learning.lessons.none(name))))
  const shown = lessons.slice(0, lessonsShown)
  const lines = shown.map((l) => m.learning.lessonLine(escapeMrkdwn(l.campaignName), l.endDate, mentionUser(l.respondentId), escapeMrkdwn(l.lesson)))
  const blocks: Blocks = [section(trusted(m.learning.lessons.title(name))), ...lines.map((line) => section(trusted(line)))]
  if (lessons.length > shown.length) blocks.push(contextBlock(trusted(m.learning.lessons.more(lessons.length - shown.length))))
  await respond(ephemeral({ text: [m.learning.lessons.title(name), ...lines].join('\n').slice(0, 3000), blocks }))
}

/** `export <campaign> dm` (or 私信): the files come as a direct message. */
export function readExportRequest(rest: string): { query: string; dm: boolean } {
  const match = /^(.*?)\s+(dm|私信)$/i.exec(rest.trim())
  return match ? { query: match[1]!.trim(), dm: true } : { query: rest.trim(), dm: false }
}

/** Channel refusals after which the files go to the person instead. */
const refusalsSentAsDm = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'cant_post'])

export async function exportCommand({ services, client, command, respond, person, m, rest }: CommandContext): Promise<void> {
  const answer = async (text: string) => void (await respond(ephemeral(text)))
  const request = readExportRequest(rest)
  const one = await oneCampaign(services, command.team_id, request.query, m, m.learning.export.usage)
  if ('answer' in one) return void (await respond(ephemeral(one.answer)))
  const log = services.logger.child({ team: command.team_id, user: person.userId, campaign: one.campaign.id })
  try {
    const data = await services.store.learning.exportData(command.team_id, one.campaign.id)
    if (!data) return await answer(m.refusal.campaignNotFound(escapeMrkdwn(request.query)))
    const people = await Promise.all(peopleNamed(data).map((id) => services.people.person(command.team_id, id)))
    const names = new Map(people.map((p) => [p.userId, p.displayName]))
    const startedAt = performance.now()
    // Loaded on first use: an idle app need not hold the spreadsheet writer.
    const [{ campaignWorkbook }, { campaignMarkdown }] = await Promise.all([import('../../export/workbook.ts'), import('../../export/markdown.ts')])
    const workbook = await campaignWorkbook(data, m, names)
    const markdown = Buffer.from(campaignMarkdown(data, m, names), 'utf8')
    const builtMs = Math.round(performance.now() - startedAt)
    const stem = `campaign-${data.campaign.id}-${services.clock.now().toISOString().slice(0, 10)}`
    const name = escapeMrkdwn(data.campaign.name)
    const upload = (channelId: string) => uploadJoiningIfNeeded(client, {
      channel_id: channelId,
      initial_comment: m.learning.export.comment(name, mentionUser(person.userId)),
      file_uploads: [
        { file: workbook, filename: `${stem}.xlsx`, title: `${data.campaign.name}.xlsx` },
        { file: markdown, filename: `${stem}.md`, title: `${data.campaign.name}.md` },
      ],
    })
    const toPerson = async () => {
      const opened = await client.conversations.open({ users: person.userId })
      await upload(opened.channel?.id ?? person.userId)
    }
    if (request.dm) {
      await toPerson()
      log.info({ bytes: workbook.length + markdown.length, builtMs, dm: true }, 'campaign_exported')
      return await answer(m.learning.export.sentAsDm(name))
    }
    try {
      await upload(data.campaign.channelId)
    } catch (error) {
      const code = slackErrorCode(error)
      if (!code || !refusalsSentAsDm.has(code)) throw error
      log.warn({ slackError: code }, 'export_channel_refused')
      await toPerson()
      return await answer(m.learning.export.channelRefused(mentionChannel(data.campaign.channelId)))
    }
    log.info({ bytes: workbook.length + markdown.length, builtMs, dm: false }, 'campaign_exported')
    if (command.channel_id !== data.campaign.channelId) await answer(m.learning.export.postedIn(name, mentionChannel(data.campaign.channelId)))
  } catch (error) {
    log.error({ err: error, slackError: slackErrorCode(error) }, 'export_failed')
    await answer(slackErrorCode(error) ? m.learning.export.failed : troubleMessage(error, m)).catch(() => {})
  }
}
