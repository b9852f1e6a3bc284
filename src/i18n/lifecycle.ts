// The live stage's lifecycle and settings (issue 7): the channel lines when a campaign goes live,
// pauses, resumes and ends, the plan message's buttons for them, the end-early modal, and the
// `/campaign settings` modals for a workspace's admins and a campaign's owner.
import type { LifecycleRefusal } from '../domain/lifecycle.ts'
import type { SettingsProblem } from '../domain/liveSettings.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type LifecycleMessages = {
  lifecycle: {
    wentLive: (name: M, startDate: string, endDate: string, zone: string) => string
    /** Went live after its start date (the app was down that day): the date is not "today". */
    wentLiveLate: (name: M, startDate: string, endDate: string, zone: string) => string
    /** Start now before the planned start date: the campaign starts today instead. */
    startedEarly: (by: M, name: M, startDate: string, plannedStart: string, endDate: string) => string
    /** Start now on or after the planned start date (the scheduler had not run yet). */
    startedNow: (by: M, name: M, endDate: string) => string
    ended: (name: M, endDate: string) => string
    endedEarly: (by: M, name: M, reason: M) => string
    paused: (by: M, name: M) => string
    resumed: (by: M, name: M) => string
    pausedLine: string
    startNow: string
    pause: string
    resume: string
    endEarly: string
    refusal: Record<LifecycleRefusal, string>
    endModal: { title: string; submit: string; close: string; intro: (name: M) => string; label: string; placeholder: string; required: string; tooLong: (max: number) => string }
  }
  liveSettings: {
    title: string
    campaignTitle: string
    save: string
    close: string
    intro: string
    campaignIntro: (name: M) => string
    timeZone: string
    timeZoneHint: string
    country: string
    countryNone: string
    workingDays: string
    weekday: Record<1 | 2 | 3 | 4 | 5 | 6 | 7, string>
    digestTime: string
    promptTime: string
    timeHint: string
    reminderLeadDays: string
    reminderLeadHint: string
    paceMargin: string
    paceMarginHint: string
    quietDigests: string
    quietDigestsOption: string
    quietDigestsChoice: { inherit: string; quiet: string; always: string }
    language: string
    languageEach: string
    currency: string
    currencyHint: string
    inheritHint: (value: string) => string
    problem: Record<SettingsProblem | 'bad_currency' | 'bad_number', string>
    notAdmin: string
    notOwner: string
    /** Mrkdwn: a campaign's settings form whose metadata we cannot read. */
    formOutdated: string
    saved: string
    savedCampaign: (name: M) => string
    usage: string
    button: string
  }
}

export const lifecycleMessages = {
  en: {
    lifecycle: {
      wentLive: (name, startDate, endDate, zone) => `:rocket: *${name}* is live: it started today, ${startDate} (${zone}), and runs until ${endDate}.`,
      wentLiveLate: (name, startDate, endDate, zone) => `:rocket: *${name}* is live: it started on ${startDate} (${zone}) and runs until ${endDate}.`,
      startedEarly: (by, name, startDate, plannedStart, endDate) =>
        `:rocket: ${by} started *${name}* early: it starts today, ${startDate}, instead of ${plannedStart}, and runs until ${endDate}.`,
      startedNow: (by, name, endDate) => `:rocket: ${by} started *${name}*. It is live now and runs until ${endDate}.`,
      ended: (name, endDate) => `:checkered_flag: *${name}* ended on ${endDate}. Time for the retrospective.`,
      endedEarly: (by, name, reason) => `:checkered_flag: ${by} ended *${name}* early. Reason: ${reason}`,
      paused: (by, name) => `:double_vertical_bar: ${by} paused *${name}*. No reminders or prompts until it resumes.`,
      resumed: (by, name) => `:arrow_forward: ${by} resumed *${name}*.`,
      pausedLine: 'Paused',
      startNow: 'Start now',
      pause: 'Pause',
      resume: 'Resume',
      endEarly: 'End early',
      refusal: {
        not_the_owner: "Only the campaign's owner or a workspace admin can do that.",
        not_scheduled: 'Only a scheduled campaign (plan ready, not yet live) can be started.',
        not_live: 'The campaign is not live.',
        already_paused: 'The campaign is already paused.',
        not_paused: 'The campaign is not paused.',
      },
      endModal: {
        title: 'End campaign early',
        submit: 'End it',
        close: 'Cancel',
        intro: (name) => `*${name}* will end now and move to its retrospective. The channel will see your reason.`,
        label: 'Why end it early?',
        placeholder: 'e.g. the budget is spent',
        required: 'Please give a reason.',
        tooLong: (max) => `Please keep it under ${max} characters.`,
      },
    },
    liveSettings: {
      title: 'Workspace settings',
      campaignTitle: 'Campaign settings',
      save: 'Save',
      close: 'Cancel',
      intro: 'These apply to every campaign; a campaign’s owner can change the time zone, digest and prompt times and quiet digests for their own.',
      campaignIntro: (name) => `Settings for *${name}*. Leave a field empty to use the workspace’s.`,
      timeZone: 'Time zone',
      timeZoneHint: 'An IANA name, e.g. Asia/Shanghai, America/New_York, Europe/London. Empty: each campaign owner’s own Slack time zone.',
      country: 'Country for public holidays',
      countryNone: 'No public holidays',
      workingDays: 'Working days',
      weekday: { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' },
      digestTime: 'Daily digest time',
      promptTime: 'Metric prompt time',
      timeHint: 'HH:MM, 24-hour clock, e.g. 09:30.',
      reminderLeadDays: 'Reminder lead (working days before a due date)',
      reminderLeadHint: 'A whole number from 0 to 14. Empty: 1.',
      paceMargin: 'Behind-pace margin (%)',
      paceMarginHint: 'How far under its pace a goal may fall before the channel is alerted: a whole number from 1 to 90. Empty: 15.',
      quietDigests: 'Quiet digests',
      quietDigestsOption: 'Post a digest only when something is due, overdue, behind pace or changed',
      quietDigestsChoice: { inherit: 'As the workspace', quiet: 'Quiet: only when something happened', always: 'Every working day' },
      language: 'Language of channel posts',
      languageEach: 'The language of whoever caused the post',
      currency: 'Currency of new plans',
      currencyHint: 'An ISO 4217 code, e.g. CNY, USD, EUR. Empty: by the owner’s language.',
      inheritHint: (value) => `Empty: the workspace’s (${value}).`,
      problem: {
        unknown_zone: 'That is not a time zone we know. Use an IANA name such as Asia/Shanghai.',
        bad_time: 'Use HH:MM on a 24-hour clock, from 00:00 to 23:59.',
        no_working_day: 'Choose at least one working day.',
        lead_out_of_range: 'Use a whole number from 0 to 14.',
        margin_out_of_range: 'Use a whole number from 1 to 90.',
        bad_currency: 'Use a three-letter ISO 4217 code, e.g. CNY.',
        bad_number: 'Use a whole number.',
      },
      notAdmin: 'Only a workspace admin can change the workspace’s settings. A campaign’s owner can change their campaign’s with `/campaign settings <campaign>`.',
      notOwner: 'Only the campaign’s owner or a workspace admin can change its settings.',
      formOutdated: 'This settings form is out of date, so nothing was saved. Close it and open it again with `/campaign settings &lt;campaign&gt;`.',
      saved: 'Workspace settings saved.',
      savedCampaign: (name) => `Settings of *${name}* saved.`,
      usage: 'Usage: `/campaign settings` (workspace admins) or `/campaign settings <campaign name or #id>` (its owner).',
      button: 'Settings',
    },
  },
  'zh-CN': {
    lifecycle: {
      wentLive: (name, startDate, endDate, zone) => `:rocket: *${name}* 已上线：今天 ${startDate}（${zone}）开始，持续到 ${endDate}。`,
      wentLiveLate: (name, startDate, endDate, zone) => `:rocket: *${name}* 已上线：已于 ${startDate}（${zone}）开始，持续到 ${endDate}。`,
      startedEarly: (by, name, startDate, plannedStart, endDate) =>
        `:rocket: ${by} 提前启动了 *${name}*：今天 ${startDate} 开始（原定 ${plannedStart}），持续到 ${endDate}。`,
      startedNow: (by, name, endDate) => `:rocket: ${by} 启动了 *${name}*。活动现已上线，持续到 ${endDate}。`,
      ended: (name, endDate) => `:checkered_flag: *${name}* 已于 ${endDate} 结束，可以开始复盘了。`,
      endedEarly: (by, name, reason) => `:checkered_flag: ${by} 提前结束了 *${name}*。原因：${reason}`,
      paused: (by, name) => `:double_vertical_bar: ${by} 暂停了 *${name}*。恢复之前不会发送提醒和数据填报请求。`,
      resumed: (by, name) => `:arrow_forward: ${by} 恢复了 *${name}*。`,
      pausedLine: '已暂停',
      startNow: '立即开始',
      pause: '暂停',
      resume: '恢复',
      endEarly: '提前结束',
      refusal: {
        not_the_owner: '只有活动负责人或工作区管理员可以这样做。',
        not_scheduled: '只有已排期（方案就绪、尚未上线）的活动可以启动。',
        not_live: '活动不在进行中。',
        already_paused: '活动已经暂停了。',
        not_paused: '活动没有暂停。',
      },
      endModal: {
        title: '提前结束活动',
        submit: '结束',
        close: '取消',
        intro: (name) => `*${name}* 将立即结束并进入复盘阶段。频道里会看到你填写的原因。`,
        label: '为什么提前结束？',
        placeholder: '例如：预算已用完',
        required: '请填写原因。',
        tooLong: (max) => `请控制在 ${max} 个字符以内。`,
      },
    },
    liveSettings: {
      title: '工作区设置',
      campaignTitle: '活动设置',
      save: '保存',
      close: '取消',
      intro: '这些设置适用于所有活动；活动负责人可以为自己的活动修改时区、日报和数据填报时间以及安静日报。',
      campaignIntro: (name) => `*${name}* 的设置。留空则使用工作区的设置。`,
      timeZone: '时区',
      timeZoneHint: 'IANA 时区名，例如 Asia/Shanghai、America/New_York、Europe/London。留空：使用各活动负责人在 Slack 中的时区。',
      country: '公共假期所属国家/地区',
      countryNone: '不考虑公共假期',
      workingDays: '工作日',
      weekday: { 1: '星期一', 2: '星期二', 3: '星期三', 4: '星期四', 5: '星期五', 6: '星期六', 7: '星期日' },
      digestTime: '每日日报时间',
      promptTime: '数据填报提醒时间',
      timeHint: 'HH:MM，24 小时制，例如 09:30。',
      reminderLeadDays: '提前提醒（截止日前的工作日数）',
      reminderLeadHint: '0 到 14 的整数。留空：1。',
      paceMargin: '进度落后提醒阈值（%）',
      paceMarginHint: '目标低于应有进度多少百分比时在频道提醒：1 到 90 的整数。留空：15。',
      quietDigests: '安静日报',
      quietDigestsOption: '只在有到期、逾期、进度落后或有变化时才发日报',
      quietDigestsChoice: { inherit: '与工作区相同', quiet: '安静：有事才发', always: '每个工作日都发' },
      language: '频道消息的语言',
      languageEach: '触发消息的人所用的语言',
      currency: '新方案的币种',
      currencyHint: 'ISO 4217 代码，例如 CNY、USD、EUR。留空：按负责人的语言。',
      inheritHint: (value) => `留空：使用工作区的设置（${value}）。`,
      problem: {
        unknown_zone: '无法识别这个时区。请使用 IANA 时区名，例如 Asia/Shanghai。',
        bad_time: '请使用 24 小时制的 HH:MM，从 00:00 到 23:59。',
        no_working_day: '请至少选择一个工作日。',
        lead_out_of_range: '请填写 0 到 14 的整数。',
        margin_out_of_range: '请填写 1 到 90 的整数。',
        bad_currency: '请填写三个字母的 ISO 4217 代码，例如 CNY。',
        bad_number: '请填写整数。',
      },
      notAdmin: '只有工作区管理员可以修改工作区设置。活动负责人可以用 `/campaign settings <活动>` 修改自己活动的设置。',
      notOwner: '只有活动负责人或工作区管理员可以修改这个活动的设置。',
      formOutdated: '这个设置表单已过期，内容没有保存。请关闭它，再用 `/campaign settings &lt;活动&gt;` 重新打开。',
      saved: '工作区设置已保存。',
      savedCampaign: (name) => `*${name}* 的设置已保存。`,
      usage: '用法：`/campaign settings`（工作区管理员）或 `/campaign settings <活动名称或 #编号>`（活动负责人）。',
      button: '设置',
    },
  },
} satisfies Record<Locale, LifecycleMessages>
