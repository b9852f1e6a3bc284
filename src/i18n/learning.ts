// The learning loop and export (issue 8): goal suggestions from closed campaigns, lessons in the
// proposal and plan modals, `/campaign lessons` and `/campaign export`.
import type { Locale } from './locale.ts'

export type LearningMessages = {}

export const learningMessages: Record<Locale, LearningMessages> = { en: {}, 'zh-CN': {} }
