// Deadline reminders by DM (issue 7) and their buttons, and `/campaign away`.
import type { Locale } from './locale.ts'

export type ReminderMessages = {}

export const reminderMessages: Record<Locale, ReminderMessages> = { en: {}, 'zh-CN': {} }
