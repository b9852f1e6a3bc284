// The live stage's channel posts (issue 7): the daily digest, pace alerts, and the notices to a
// campaign's owner about people who are away or have left.
import type { Locale } from './locale.ts'

export type LiveMessages = {}

export const liveMessages: Record<Locale, LiveMessages> = { en: {}, 'zh-CN': {} }
