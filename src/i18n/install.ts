// Installing the app in a workspace (many-workspace mode): the pages a person's browser shows after
// "Add to Slack", what a workspace that has not installed the app is told, and what an admin is
// told when the workspace's data is deleted. The pages are HTML: their text is escaped where it is
// put in (slack/install/pages.ts), not here.
import type { Locale } from './locale.ts'

export type InstallMessages = {
  page: { lang: string }
  installed: { title: string; text: (workspace: string) => string; next: string; open: string }
  failed: {
    title: string
    /** A state that is forged, expired or was used already. */
    staleLink: string
    /** The person pressed Cancel on Slack's page. */
    cancelled: string
    /** Slack did not confirm the code (a failed exchange), or anything else went wrong: nothing was stored. */
    notConfirmed: (reason: string) => string
    again: string
  }
  /** A request from a workspace without the app (never installed, or removed): `installUrl` may be null. */
  notInstalled: (installUrl: string | null) => string
}

export const installMessages = {
  en: {
    page: { lang: 'en' },
    installed: {
      title: 'Campaign Desk is installed',
      text: (workspace) => `Campaign Desk is now installed in ${workspace}.`,
      next: 'In Slack, type /campaign help in any channel to begin.',
      open: 'Open Slack',
    },
    failed: {
      title: 'Campaign Desk was not installed',
      staleLink: 'This install link has expired or was already used, so nothing was installed.',
      cancelled: 'The installation was cancelled in Slack, so nothing was installed.',
      notConfirmed: (reason) => `Slack did not confirm the installation (${reason}), so nothing was saved.`,
      again: 'Start again',
    },
    notInstalled: (installUrl) => installUrl
      ? `Campaign Desk is not installed in this workspace (or it was removed). A workspace admin can add it at ${installUrl} — then try again.`
      : 'Campaign Desk is not installed in this workspace (or it was removed). Ask a workspace admin to add it to Slack, then try again.',
  },
  'zh-CN': {
    page: { lang: 'zh-CN' },
    installed: {
      title: 'Campaign Desk 已安装',
      text: (workspace) => `Campaign Desk 已安装到 ${workspace}。`,
      next: '在 Slack 的任意频道输入 /campaign help 开始使用。',
      open: '打开 Slack',
    },
    failed: {
      title: 'Campaign Desk 没有安装',
      staleLink: '这个安装链接已过期或已被使用过，所以没有安装任何内容。',
      cancelled: '你在 Slack 中取消了安装，所以没有安装任何内容。',
      notConfirmed: (reason) => `Slack 没有确认这次安装（${reason}），所以没有保存任何内容。`,
      again: '重新开始',
    },
    notInstalled: (installUrl) => installUrl
      ? `此工作区尚未安装 Campaign Desk（或已被移除）。工作区管理员可以在 ${installUrl} 添加它，然后再试一次。`
      : '此工作区尚未安装 Campaign Desk（或已被移除）。请工作区管理员把它添加到 Slack，然后再试一次。',
  },
} satisfies Record<Locale, InstallMessages>

export function installMessagesFor(locale: Locale): InstallMessages {
  return installMessages[locale]
}

/** The page's language from the browser's Accept-Language: Chinese when it comes first, else English. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  const first = header?.split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('zh') ? 'zh-CN' : 'en'
}
