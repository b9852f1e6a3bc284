// Installing the app in a workspace (many-workspace mode): the pages a person's browser shows after
// "Add to Slack", what a workspace that has not installed the app is told, and what an admin is
// told when the workspace's data is deleted. The pages are HTML: their text is escaped where it is
// put in (slack/install/pages.ts), not here.
import type { Locale } from './locale.ts'
import type { Mrkdwn } from './mrkdwn.ts'

/** What a workspace's data deletion counts (store/workspaceData.ts). */
export type DataCounts = { campaigns: number; ideas: number; brainstormRounds: number; people: number; outboxRows: number; settings: number }

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
  /** `/campaign settings delete-data`: an admin deletes all of the workspace's data. `workspace` is escaped. */
  deleteData: {
    title: string
    submit: string
    cancel: string
    close: string
    whatGoes: (workspace: Mrkdwn, counts: DataCounts) => string
    confirmLabel: (workspace: string) => string
    mismatch: (workspace: string) => string
    notAdmin: string
    nameUnknown: string
    doneTitle: string
    done: (workspace: Mrkdwn, counts: DataCounts) => string
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

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
    deleteData: {
      title: 'Delete all data',
      submit: 'Delete for good',
      cancel: 'Cancel',
      close: 'Close',
      whatGoes: (workspace, c) => `This deletes, for good, everything Campaign Desk keeps for *${workspace}*: `
        + `${plural(c.campaigns, 'campaign', 'campaigns')} with their plans, tasks, goals, figures, retrospectives and reports; `
        + `${plural(c.ideas, 'idea', 'ideas')} and ${plural(c.brainstormRounds, 'brainstorm round', 'brainstorm rounds')}; `
        + `what it knows of ${plural(c.people, 'person', 'people')} (zones, away dates); the workspace's settings; `
        + `and its record of ${plural(c.outboxRows, 'post', 'posts')}, with any still waiting to go out. `
        + 'Messages already in Slack stay. The app stays installed. This cannot be undone.',
      confirmLabel: (workspace) => `Type the workspace's name, ${workspace}, to confirm`,
      mismatch: (workspace) => `That is not the workspace's name: type ${workspace} exactly.`,
      notAdmin: "Only a workspace admin can delete the workspace's data.",
      nameUnknown: "Slack did not tell the workspace's name just now, so nothing was deleted. Try again in a moment.",
      doneTitle: 'Data deleted',
      done: (workspace, c) => `Everything Campaign Desk kept for *${workspace}* is deleted: `
        + `${plural(c.campaigns, 'campaign', 'campaigns')}, ${plural(c.ideas, 'idea', 'ideas')}, ${plural(c.brainstormRounds, 'brainstorm round', 'brainstorm rounds')}, `
        + `the records of ${plural(c.people, 'person', 'people')}, ${plural(c.outboxRows, 'post', 'posts')}`
        + `${c.settings > 0 ? ', and the workspace\'s settings' : ''}.`,
    },
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
    deleteData: {
      title: '删除全部数据',
      submit: '永久删除',
      cancel: '取消',
      close: '关闭',
      whatGoes: (workspace, c) => `这将永久删除 Campaign Desk 为 *${workspace}* 保存的全部内容：`
        + `${c.campaigns} 个活动及其计划、任务、目标、数据、复盘和报告；${c.ideas} 个创意和 ${c.brainstormRounds} 轮头脑风暴；`
        + `关于 ${c.people} 位成员的记录（时区、离开日期）；工作区设置；以及 ${c.outboxRows} 条发送记录，包括尚未发出的消息。`
        + '已经在 Slack 中的消息会保留。应用仍然保持安装。此操作无法撤销。',
      confirmLabel: (workspace) => `输入工作区名称 ${workspace} 以确认`,
      mismatch: (workspace) => `这不是工作区的名称：请准确输入 ${workspace}。`,
      notAdmin: '只有工作区管理员可以删除工作区的数据。',
      nameUnknown: 'Slack 暂时没有返回工作区名称，所以没有删除任何内容。请稍后再试。',
      doneTitle: '数据已删除',
      done: (workspace, c) => `Campaign Desk 为 *${workspace}* 保存的内容已全部删除：`
        + `${c.campaigns} 个活动、${c.ideas} 个创意、${c.brainstormRounds} 轮头脑风暴、${c.people} 位成员的记录、${c.outboxRows} 条发送记录`
        + `${c.settings > 0 ? '，以及工作区设置' : ''}。`,
    },
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
