// The languages Campaign Desk speaks, and how a Slack locale maps onto them.
export const supportedLocales = ['en', 'zh-CN'] as const
export type Locale = (typeof supportedLocales)[number]

/** Slack's locale (e.g. 'zh-CN', 'zh-TW', 'en-US') → the catalogue to use; English when unknown. */
export function localeFromSlack(slackLocale: string | null | undefined): Locale {
  return slackLocale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}
