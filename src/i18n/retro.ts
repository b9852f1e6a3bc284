// The retrospective (issue 8): prompts, the retro form, the compiled report, `/campaign retro`
// and `/campaign report`.
import type { Locale } from './locale.ts'
import { retroFormMessages, type RetroFormMessages } from './retroForm.ts'
import { retroReportMessages, type RetroReportMessages } from './retroReport.ts'

export type RetroMessages = { retroReport: RetroReportMessages; retro: RetroFormMessages }

export const retroMessages: Record<Locale, RetroMessages> = { en: { retroReport: retroReportMessages.en, retro: retroFormMessages.en }, 'zh-CN': { retroReport: retroReportMessages['zh-CN'], retro: retroFormMessages['zh-CN'] } }
