// The portfolio (issue 17, part 3): `/campaign portfolio`, its App Home section, its picture and
// the weekly summary, and the summary's fields in `/campaign settings`.
import type { Verdict } from '../domain/digest.ts'
import type { PaceWord } from '../domain/portfolio.ts'
import type { Locale } from './locale.ts'
import type { Mrkdwn } from './mrkdwn.ts'

type M = Mrkdwn

export type PortfolioMessages = {
  portfolio: {
    title: string
    summaryTitle: string
    counts: (live: number, scheduled: number, behind: number) => string
    fallback: (live: number, scheduled: number, behind: number) => string
    none: string
    campaign: (name: M, stage: string, when: string, owner: M) => string
    daysLeft: (days: number) => string
    startsIn: (days: number) => string
    verdict: Record<Verdict, string>
    goal: (name: M, word: string, percent: number | null) => string
    paceWord: Record<PaceWord, string>
    noTarget: string
    noGoals: string
    moreGoals: (more: number) => string
    overdue: (count: number) => string
    budgetSpent: (spent: M, total: M, percent: number) => string
    budgetNotRecorded: (total: M) => string
    noBudget: string
    more: (more: number) => string
    homeHeader: string
    seeAll: string
    modalTitle: string
    close: string
    chartHint: string
    chart: { title: (count: number) => string; share: string; pace: string; goalAxis: string; noGoals: string; altText: (count: number) => string }
    chartFailed: string
    settings: { channel: string; channelHint: string; weekday: string; time: string; timeHint: string }
  }
}

const en: PortfolioMessages = {
  portfolio: {
    title: 'Portfolio',
    summaryTitle: 'Weekly portfolio',
    counts: (live, scheduled, behind) => `${live} live · ${scheduled} scheduled · ${behind} behind · most behind first`,
    fallback: (live, scheduled, behind) => `Portfolio: ${live} live, ${scheduled} scheduled, ${behind} behind`,
    none: 'No campaign is scheduled or live.',
    campaign: (name, stage, when, owner) => `*${name}* · ${stage} · ${when} · owner ${owner}`,
    daysLeft: (days) => (days === 1 ? 'last day' : `${days} days left`),
    startsIn: (days) => (days === 0 ? 'starts today' : days === 1 ? 'starts tomorrow' : `starts in ${days} days`),
    verdict: { behind: ':red_circle: Behind', at_risk: ':large_yellow_circle: At risk', on_track: ':large_green_circle: On track' },
    goal: (name, word, percent) => (percent === null ? `${name}: ${word}` : `${name}: ${word} (${percent} % of pace)`),
    paceWord: { ahead: 'ahead', on_pace: 'on pace', behind: 'behind', not_started: 'not started' },
    noTarget: 'no target',
    noGoals: 'no goals',
    moreGoals: (more) => `+${more} more`,
    overdue: (count) => (count === 0 ? 'no overdue tasks' : count === 1 ? '1 overdue task' : `${count} overdue tasks`),
    budgetSpent: (spent, total, percent) => `budget ${spent} spent of ${total} (${percent} %)`,
    budgetNotRecorded: (total) => `budget ${total} (chosen scenario; spend not recorded)`,
    noBudget: 'no budget scenario chosen',
    more: (more) => `And ${more} more, less behind. Open the portfolio from the App Home or ask \`/campaign portfolio\` again later.`,
    homeHeader: 'Portfolio: most behind',
    seeAll: 'See all',
    modalTitle: 'Portfolio',
    close: 'Close',
    chartHint: 'For a picture of every campaign\'s goals against their pace: `/campaign portfolio chart`.',
    chart: {
      title: (count) => `Goals against their pace to date · ${count} campaigns`,
      share: 'Share of pace to date',
      pace: 'on pace',
      goalAxis: 'Goal',
      noGoals: 'no goals with a pace yet',
      altText: (count) => `Small multiples: for each of ${count} campaigns, each goal's figure as a share of its pace to date (100 % = on pace).`,
    },
    chartFailed: 'The portfolio picture could not be posted here. Try again in a channel the app is in.',
    settings: {
      channel: 'Weekly portfolio channel',
      channelHint: 'Leave empty for no weekly summary. Posted only in weeks with a live campaign.',
      weekday: 'Weekly portfolio day',
      time: 'Weekly portfolio time',
      timeHint: 'HH:MM in the workspace\'s time zone (UTC when none is set). Empty = 09:30.',
    },
  },
}

const zhCN: PortfolioMessages = {
  portfolio: {
    title: '活动总览',
    summaryTitle: '每周活动总览',
    counts: (live, scheduled, behind) => `进行中 ${live} · 待开始 ${scheduled} · 落后 ${behind} · 最落后的在前`,
    fallback: (live, scheduled, behind) => `活动总览：进行中 ${live}，待开始 ${scheduled}，落后 ${behind}`,
    none: '目前没有待开始或进行中的活动。',
    campaign: (name, stage, when, owner) => `*${name}* · ${stage} · ${when} · 负责人 ${owner}`,
    daysLeft: (days) => (days === 1 ? '最后一天' : `还剩 ${days} 天`),
    startsIn: (days) => (days === 0 ? '今天开始' : days === 1 ? '明天开始' : `${days} 天后开始`),
    verdict: { behind: ':red_circle: 落后', at_risk: ':large_yellow_circle: 有风险', on_track: ':large_green_circle: 进度正常' },
    goal: (name, word, percent) => (percent === null ? `${name}：${word}` : `${name}：${word}（达到应有进度的 ${percent}%）`),
    paceWord: { ahead: '超前', on_pace: '符合进度', behind: '落后', not_started: '尚未开始' },
    noTarget: '未设目标',
    noGoals: '没有目标',
    moreGoals: (more) => `另有 ${more} 个`,
    overdue: (count) => (count === 0 ? '没有逾期任务' : `${count} 个逾期任务`),
    budgetSpent: (spent, total, percent) => `预算已花 ${spent}，共 ${total}（${percent}%）`,
    budgetNotRecorded: (total) => `预算 ${total}（所选方案；未记录花费）`,
    noBudget: '未选预算方案',
    more: (more) => `另有 ${more} 个活动，落后程度较轻。可在 App 主页打开总览，或稍后再用 \`/campaign portfolio\` 查看。`,
    homeHeader: '活动总览：最落后的',
    seeAll: '查看全部',
    modalTitle: '活动总览',
    close: '关闭',
    chartHint: '查看各活动目标相对应有进度的图：`/campaign portfolio chart`。',
    chart: {
      title: (count) => `各目标相对截至目前应有进度 · ${count} 个活动`,
      share: '占应有进度的比例',
      pace: '符合进度',
      goalAxis: '目标',
      noGoals: '暂无可比较进度的目标',
      altText: (count) => `小多图：${count} 个活动中每个目标的数据占截至目前应有进度的比例（100% 即符合进度）。`,
    },
    chartFailed: '无法在这里发布总览图。请在应用所在的频道再试。',
    settings: {
      channel: '每周总览频道',
      channelHint: '留空则不发每周总览。只在有进行中活动的那一周发送。',
      weekday: '每周总览日',
      time: '每周总览时间',
      timeHint: 'HH:MM，工作区时区（未设时为 UTC）。留空 = 09:30。',
    },
  },
}

export const portfolioMessages: Record<Locale, PortfolioMessages> = { en, 'zh-CN': zhCN }
