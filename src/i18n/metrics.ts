// Metric prompts, the metric entry modal and `/campaign metrics` (issue 7).
import type { Locale } from './locale.ts'

export type MetricMessages = {}

export const metricMessages: Record<Locale, MetricMessages> = { en: {}, 'zh-CN': {} }
