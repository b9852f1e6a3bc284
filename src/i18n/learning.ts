// The learning loop and export (issue 8): goal suggestions from closed campaigns, lessons in the
// proposal and plan modals, `/campaign lessons` and `/campaign export`.
// Mrkdwn parameters are escaped by the caller; the export's words are plain (cells and Markdown).
import type { Locale } from './locale.ts'

type Sheet<K extends string> = { name: string; columns: Record<K, string> }

export type LearningMessages = {
  learning: {
    /** "Past campaigns like this one reached: median X, lower quartile Y (A, B, C)". */
    suggestion: (metric: string, median: string, lowerQuartile: string, campaigns: string) => string
    useAsBasis: string
    /** The goal's basis text the button writes (plain, stored as typed). */
    basisText: (campaigns: string, median: string, lowerQuartile: string) => string
    basisFilled: string
    lessonsTitle: string
    lessonLine: (campaign: string, endDate: string, person: string, lesson: string) => string
    lessons: {
      usage: string
      title: (filter: string | null) => string
      none: (filter: string | null) => string
      unknownFilter: (word: string) => string
      more: (count: number) => string
    }
    export: {
      usage: string
      comment: (campaign: string, asker: string) => string
      postedIn: (campaign: string, channel: string) => string
      sentAsDm: (campaign: string) => string
      channelRefused: (channel: string) => string
      failed: string
      yes: string
      no: string
      stage: string
      givenOut: string
      chosen: string
      wouldRunAgain: Record<'yes' | 'with_changes' | 'no', string>
      entryMode: Record<'day' | 'total', string>
      curve: Record<'linear' | 'front_loaded', string>
      sheets: {
        proposal: Sheet<'field' | 'value'>
        plan: Sheet<'section' | 'item' | 'detail' | 'who' | 'date' | 'amount'>
        goals: Sheet<'metric' | 'unit' | 'target' | 'actual' | 'asOf' | 'final' | 'basisKind' | 'basis' | 'dataOwner' | 'curve'>
        tasks: Sheet<'title' | 'stage' | 'owner' | 'start' | 'due' | 'status' | 'doneAt' | 'blocked'>
        budget: Sheet<'scenario' | 'chosen' | 'category' | 'channel' | 'planned' | 'actual' | 'note'>
        metrics: Sheet<'goal' | 'date' | 'mode' | 'value' | 'reportedBy' | 'note'>
        retro: Sheet<'respondent' | 'effect' | 'lesson' | 'again' | 'stage' | 'worked' | 'failed'>
      }
      headings: {
        proposal: string; plan: string; goals: string; promotion: string; prizes: string; risks: string
        budget: string; tasks: string; metrics: string; retro: string; lessons: string
      }
    }
  }
}

const en: LearningMessages = {
  learning: {
    suggestion: (metric, median, lowerQuartile, campaigns) => `Past campaigns like this one reached (${metric}): median *${median}*, lower quartile *${lowerQuartile}* (${campaigns})`,
    useAsBasis: 'Use as basis',
    basisText: (campaigns, median, lowerQuartile) => `past campaigns: ${campaigns} (median ${median}, lower quartile ${lowerQuartile})`,
    basisFilled: 'The basis now names the past campaigns; set the target and save.',
    lessonsTitle: 'Lessons from similar past campaigns',
    lessonLine: (campaign, endDate, person, lesson) => `*${campaign}* (${endDate}) · ${person}: ${lesson}`,
    lessons: {
      usage: 'Use `/campaign lessons`, or narrow it: `/campaign lessons sales`, `/campaign lessons platform`, `/campaign lessons weibo`.',
      title: (filter) => (filter ? `*Lessons of past campaigns · ${filter}*` : '*Lessons of past campaigns*'),
      none: (filter) => (filter ? `No closed campaign of this workspace (${filter}) has a lesson yet.` : 'No closed campaign of this workspace has a lesson yet.'),
      unknownFilter: (word) => `I don't know “${word}” as a purpose, a kind or a platform. Try for example \`sales\`, \`brand_awareness\`, \`own_site\`, \`platform\` or \`weibo\`.`,
      more: (count) => `…and ${count} more.`,
    },
    export: {
      usage: 'Use `/campaign export <name or id>` (add `dm` to get the files as a direct message).',
      comment: (campaign, asker) => `${campaign}: the whole campaign as a workbook and a Markdown document, for ${asker}.`,
      postedIn: (campaign, channel) => `The export of ${campaign} is in ${channel}.`,
      sentAsDm: (campaign) => `The export of ${campaign} is in your direct messages with me.`,
      channelRefused: (channel) => `I can't post in ${channel}, so I sent you the files as a direct message.`,
      failed: 'Slack did not take the files; please try again in a moment.',
      yes: 'yes', no: 'no', chosen: 'chosen', stage: 'Stage', givenOut: 'given out',
      wouldRunAgain: { yes: 'Yes', with_changes: 'With changes', no: 'No' },
      entryMode: { day: 'that day', total: 'running total' },
      curve: { linear: 'steady', front_loaded: 'front-loaded' },
      sheets: {
        proposal: { name: 'Proposal', columns: { field: 'Field', value: 'Value' } },
        plan: { name: 'Plan', columns: { section: 'Section', item: 'Item', detail: 'Detail', who: 'Who', date: 'Date', amount: 'Amount' } },
        goals: { name: 'Goals', columns: { metric: 'Metric', unit: 'Unit', target: 'Target', actual: 'Actual so far', asOf: 'As of', final: 'Final', basisKind: 'Basis kind', basis: 'Basis', dataOwner: 'Data owner', curve: 'Curve' } },
        tasks: { name: 'Tasks', columns: { title: 'Task', stage: 'Stage', owner: 'Owner', start: 'Start', due: 'Due', status: 'Status', doneAt: 'Done at', blocked: 'Blocked because' } },
        budget: { name: 'Budget', columns: { scenario: 'Scenario', chosen: 'Chosen', category: 'Category', channel: 'Channel', planned: 'Planned', actual: 'Actual', note: 'Note' } },
        metrics: { name: 'Metric entries', columns: { goal: 'Goal', date: 'Date', mode: 'Kind of figure', value: 'Figure', reportedBy: 'Reported by', note: 'Note' } },
        retro: { name: 'Retro', columns: { respondent: 'Who', effect: 'Overall effect (1–5)', lesson: 'Biggest lesson', again: 'Would run again', stage: 'Stage', worked: 'What worked', failed: 'What failed' } },
      },
      headings: {
        proposal: 'Proposal', plan: 'Plan', goals: 'Goals', promotion: 'Promotion', prizes: 'Prizes', risks: 'Risks',
        budget: 'Budget', tasks: 'Tasks', metrics: 'Metric entries', retro: 'Retrospective', lessons: 'Lessons',
      },
    },
  },
}

const zhCN: LearningMessages = {
  learning: {
    suggestion: (metric, median, lowerQuartile, campaigns) => `类似的过往活动达成（${metric}）：中位数 *${median}*，下四分位数 *${lowerQuartile}*（${campaigns}）`,
    useAsBasis: '用作依据',
    basisText: (campaigns, median, lowerQuartile) => `过往活动：${campaigns}（中位数 ${median}，下四分位数 ${lowerQuartile}）`,
    basisFilled: '依据已填入过往活动；请设定目标后保存。',
    lessonsTitle: '类似过往活动的经验教训',
    lessonLine: (campaign, endDate, person, lesson) => `*${campaign}*（${endDate}）· ${person}：${lesson}`,
    lessons: {
      usage: '使用 `/campaign lessons`，或按条件筛选：`/campaign lessons 销售`、`/campaign lessons 其他平台`、`/campaign lessons 微博`。',
      title: (filter) => (filter ? `*过往活动的经验教训 · ${filter}*` : '*过往活动的经验教训*'),
      none: (filter) => (filter ? `本工作区已结束的活动（${filter}）还没有经验教训。` : '本工作区已结束的活动还没有经验教训。'),
      unknownFilter: (word) => `“${word}”不是已知的目的、类型或平台。可以试试 \`销售\`、\`品牌知名度\`、\`自有网站或 App\`、\`其他平台\` 或 \`微博\`。`,
      more: (count) => `……还有 ${count} 条。`,
    },
    export: {
      usage: '使用 `/campaign export <名称或编号>`（加上 `dm` 则以私信发送文件）。',
      comment: (campaign, asker) => `${campaign}：整个活动的电子表格和 Markdown 文档，应 ${asker} 的请求导出。`,
      postedIn: (campaign, channel) => `${campaign} 的导出文件已发到 ${channel}。`,
      sentAsDm: (campaign) => `${campaign} 的导出文件已通过私信发给你。`,
      channelRefused: (channel) => `我无法在 ${channel} 发帖，已通过私信把文件发给你。`,
      failed: 'Slack 没有接收文件，请稍后再试。',
      yes: '是', no: '否', chosen: '已选定', stage: '阶段', givenOut: '实际发放',
      wouldRunAgain: { yes: '会', with_changes: '改进后会', no: '不会' },
      entryMode: { day: '当日数', total: '累计数' },
      curve: { linear: '匀速', front_loaded: '前期集中' },
      sheets: {
        proposal: { name: '提案', columns: { field: '项目', value: '内容' } },
        plan: { name: '执行方案', columns: { section: '部分', item: '条目', detail: '详情', who: '负责人', date: '日期', amount: '金额' } },
        goals: { name: '目标', columns: { metric: '指标', unit: '单位', target: '目标值', actual: '当前实际', asOf: '截至', final: '最终', basisKind: '依据类型', basis: '依据', dataOwner: '数据负责人', curve: '增长曲线' } },
        tasks: { name: '任务', columns: { title: '任务', stage: '阶段', owner: '负责人', start: '开始', due: '截止', status: '状态', doneAt: '完成时间', blocked: '受阻原因' } },
        budget: { name: '预算', columns: { scenario: '方案', chosen: '选定', category: '类别', channel: '渠道', planned: '计划', actual: '实际', note: '备注' } },
        metrics: { name: '数据记录', columns: { goal: '目标', date: '日期', mode: '数据类型', value: '数值', reportedBy: '填报人', note: '备注' } },
        retro: { name: '复盘', columns: { respondent: '填写人', effect: '整体效果（1–5）', lesson: '最大的教训', again: '是否会再做', stage: '阶段', worked: '做得好的', failed: '做得不好的' } },
      },
      headings: {
        proposal: '提案', plan: '执行方案', goals: '目标', promotion: '推广', prizes: '奖品', risks: '风险',
        budget: '预算', tasks: '任务', metrics: '数据记录', retro: '复盘', lessons: '经验教训',
      },
    },
  },
}

export const learningMessages: Record<Locale, LearningMessages> = { en, 'zh-CN': zhCN }
