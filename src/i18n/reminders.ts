// Deadline reminders by DM (issue 7) and their buttons, and `/campaign away`.
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type ReminderMessages = {
  deadlineReminder: {
    before: (title: M, campaign: M, due: string) => string
    due: (title: M, campaign: M, due: string) => string
    overdue: (title: M, campaign: M, due: string, workingDays: number) => string
    /** The campaign's owner, mentioned from the second overdue day. */
    ownerFyi: (owner: M) => string
    done: string
    snooze: string
    open: string
    /** What replaces the reminder once Done was clicked. */
    markedDone: (title: M, by: M) => string
    alreadyDone: (title: M) => string
    snoozed: (title: M, until: string) => string
    notAllowed: string
    taskGone: string
    notActive: string
    outdated: string
  }
  awaySetting: {
    usage: string
    notADate: (text: M) => string
    past: (today: string) => string
    tooFar: (latest: string) => string
    set: (until: string) => string
    back: string
    wasNotAway: string
    /** App Home */
    homeAway: (until: string) => string
    homeHere: string
    homeSet: string
    homeChange: string
    homeClear: string
    modalTitle: string
    modalIntro: string
    modalLabel: string
    modalSave: string
    modalCancel: string
  }
}

const en: ReminderMessages = {
  deadlineReminder: {
    before: (title, campaign, due) => `:spiral_calendar_pad: Coming up: *${title}* (${campaign}) is due on *${due}*.`,
    due: (title, campaign, due) => `:alarm_clock: Due today (${due}): *${title}* (${campaign}).`,
    overdue: (title, campaign, due, days) =>
      `:warning: Overdue by ${days} working day${days === 1 ? '' : 's'}: *${title}* (${campaign}) was due on ${due}.`,
    ownerFyi: (owner) => `${owner} FYI, as the campaign's owner.`,
    done: 'Done',
    snooze: 'Snooze 1 day',
    open: 'Open',
    markedDone: (title, by) => `:white_check_mark: *${title}* is done (marked by ${by}). No more reminders about it.`,
    alreadyDone: (title) => `:white_check_mark: *${title}* was already done. No more reminders about it.`,
    snoozed: (title, until) => `:zzz: Snoozed: no reminder about *${title}* before ${until}.`,
    notAllowed: 'Only the task\'s owner, the campaign\'s owner or a workspace admin can do that.',
    taskGone: 'This task no longer exists: nothing was changed.',
    notActive: 'This campaign is no longer running: nothing was changed.',
    outdated: 'This reminder is out of date: nothing was changed. Open the campaign\'s tasks to see them as they are.',
  },
  awaySetting: {
    usage: 'Usage: `/campaign away YYYY-MM-DD` (away up to and including that day, e.g. `/campaign away 2026-12-24`) or `/campaign away back`.',
    notADate: (text) => `“${text}” is not a date. Write it as YYYY-MM-DD, e.g. \`/campaign away 2026-12-24\`.`,
    past: (today) => `That day has passed: pick today (${today}) or a later day.`,
    tooFar: (latest) => `That is more than a year ahead: pick a day up to ${latest}.`,
    set: (until) => `:palm_tree: You are away up to and including *${until}*. Your reminders and prompts wait until you are back, and the owners of your campaigns are told. \`/campaign away back\` ends it sooner.`,
    back: ':wave: Welcome back: your reminders and prompts come again.',
    wasNotAway: 'You were not marked away: nothing changed.',
    homeAway: (until) => `:palm_tree: *Away until ${until}* (included): your reminders and prompts wait until you are back.`,
    homeHere: 'Going away? Set a date and your reminders and prompts wait until you are back.',
    homeSet: 'Set away',
    homeChange: 'Change date',
    homeClear: 'I am back',
    modalTitle: 'Away',
    modalIntro: 'Your reminders and prompts wait until the day after this date; the owners of your campaigns are told.',
    modalLabel: 'Away up to and including',
    modalSave: 'Save',
    modalCancel: 'Cancel',
  },
}

const zhCN: ReminderMessages = {
  deadlineReminder: {
    before: (title, campaign, due) => `:spiral_calendar_pad: 即将到期：*${title}*（${campaign}）截止日期为 *${due}*。`,
    due: (title, campaign, due) => `:alarm_clock: 今天（${due}）到期：*${title}*（${campaign}）。`,
    overdue: (title, campaign, due, days) => `:warning: 已逾期 ${days} 个工作日：*${title}*（${campaign}）截止日期为 ${due}。`,
    ownerFyi: (owner) => `${owner} 请知悉（活动负责人）。`,
    done: '已完成',
    snooze: '推迟 1 天',
    open: '打开',
    markedDone: (title, by) => `:white_check_mark: *${title}* 已完成（${by} 标记），不会再提醒。`,
    alreadyDone: (title) => `:white_check_mark: *${title}* 早已完成，不会再提醒。`,
    snoozed: (title, until) => `:zzz: 已推迟：${until} 之前不再提醒 *${title}*。`,
    notAllowed: '只有任务负责人、活动负责人或工作区管理员可以这样做。',
    taskGone: '该任务已不存在，未做任何更改。',
    notActive: '该活动已不在进行中，未做任何更改。',
    outdated: '这条提醒已过时，未做任何更改。请打开活动的任务查看最新情况。',
  },
  awaySetting: {
    usage: '用法：`/campaign away YYYY-MM-DD`（请假到该日，含当天，例如 `/campaign away 2026-12-24`）或 `/campaign away back`。',
    notADate: (text) => `“${text}”不是日期。请写成 YYYY-MM-DD，例如 \`/campaign away 2026-12-24\`。`,
    past: (today) => `该日期已过：请选择今天（${today}）或之后的日期。`,
    tooFar: (latest) => `超过一年以后了：请选择 ${latest} 之前的日期。`,
    set: (until) => `:palm_tree: 你已请假到 *${until}*（含）。你的提醒和数据填报会等你回来再发，并已告知你所在活动的负责人。发送 \`/campaign away back\` 可提前结束。`,
    back: ':wave: 欢迎回来：提醒和数据填报将恢复发送。',
    wasNotAway: '你并未处于请假状态，未做任何更改。',
    homeAway: (until) => `:palm_tree: *请假到 ${until}*（含）：你的提醒和数据填报会等你回来再发。`,
    homeHere: '要请假吗？设置日期后，你的提醒和数据填报会等你回来再发。',
    homeSet: '设置请假',
    homeChange: '修改日期',
    homeClear: '我回来了',
    modalTitle: '请假',
    modalIntro: '你的提醒和数据填报会在该日期之后再发；你所在活动的负责人会收到通知。',
    modalLabel: '请假到（含当天）',
    modalSave: '保存',
    modalCancel: '取消',
  },
}

export const reminderMessages: Record<Locale, ReminderMessages> = { en, 'zh-CN': zhCN }
