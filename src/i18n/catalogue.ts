// Every string a person reads in Slack, in English and Simplified Chinese, composed from one part
// per surface (common.ts, proposal.ts, …). Each part is typed `Record<Locale, …>`, so a string
// missing in either language fails the type check.
// Parameters typed Mrkdwn must already be escaped (src/i18n/mrkdwn.ts); plain strings
// end up in plain_text objects, where Slack shows them as they are.
import { calendarMessages, type CalendarMessages } from './calendar.ts'
import { calendarDayMessages, type CalendarDayMessages } from './calendarDays.ts'
import { campaignChannelMessages, type CampaignChannelMessages } from './campaignChannel.ts'
import { commonMessages, type CommonMessages } from './common.ts'
import { ganttMessages, type GanttMessages } from './gantt.ts'
import { homeMessages, type HomeMessages } from './home.ts'
import { ideaMessages, type IdeaMessages } from './ideas.ts'
import { learningMessages, type LearningMessages } from './learning.ts'
import { lifecycleMessages, type LifecycleMessages } from './lifecycle.ts'
import { liveMessages, type LiveMessages } from './live.ts'
import type { Locale } from './locale.ts'
import { metricMessages, type MetricMessages } from './metrics.ts'
import { metricImportMessages, type MetricImportMessages } from './metricImport.ts'
import { planMessages, type PlanMessages } from './plan.ts'
import { portfolioMessages, type PortfolioMessages } from './portfolio.ts'
import { proposalMessages, type ProposalMessages } from './proposal.ts'
import { reminderMessages, type ReminderMessages } from './reminders.ts'
import { retroMessages, type RetroMessages } from './retro.ts'
import { taskMessages, type TaskMessages } from './tasks.ts'

export { localeFromSlack, supportedLocales, type Locale } from './locale.ts'

export type Messages = CommonMessages & ProposalMessages & PlanMessages & TaskMessages & HomeMessages & GanttMessages & IdeaMessages & CalendarMessages & LifecycleMessages
  & LiveMessages & ReminderMessages & MetricMessages & RetroMessages & LearningMessages & CalendarDayMessages
  & MetricImportMessages
  & PortfolioMessages
  & CampaignChannelMessages

const parts = [commonMessages, proposalMessages, planMessages, taskMessages, homeMessages, ganttMessages, ideaMessages, calendarMessages, lifecycleMessages,
  liveMessages, reminderMessages, metricMessages, retroMessages, learningMessages, calendarDayMessages,
  metricImportMessages, portfolioMessages, campaignChannelMessages] as const

const composed = new Map<Locale, Messages>()

export function messagesFor(locale: Locale): Messages {
  let messages = composed.get(locale)
  if (!messages) {
    messages = Object.assign({}, ...parts.map((part) => part[locale])) as Messages
    composed.set(locale, messages)
  }
  return messages
}
