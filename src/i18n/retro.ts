// The retrospective (issue 8): prompts, the retro form, the compiled report, `/campaign retro`
// and `/campaign report`.
import type { Locale } from './locale.ts'

export type RetroMessages = {}

export const retroMessages: Record<Locale, RetroMessages> = { en: {}, 'zh-CN': {} }
