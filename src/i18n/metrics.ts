// Metric prompts, the metric entry modal and `/campaign metrics` (issue 7).
import type { EntryMode, MetricFieldErrorCode } from '../domain/metrics.ts'
import type { GoalCurve, PaceStatus } from '../domain/pace.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type MetricMessages = {
  metrics: {
    enterFigures: string
    modal: {
      title: string
      submit: string
      close: string
      intro: (name: M) => string
      day: string
      dayHint: string
      goalHeading: (goal: M, soFar: string, target: string) => string
      value: (goal: string) => string
      valueHint: (unit: string) => string
      mode: string
      modes: Record<EntryMode, string>
      note: string
      onlyYours: (count: number) => string
    }
    refusal: {
      notAllowed: (name: M) => string
      noGoals: (name: M) => string
      notLive: (name: M, stage: string) => string
      goalGone: string
    }
    nothingEntered: string
    fieldError: (code: MetricFieldErrorCode, max?: number) => string | null
    saved: (count: number, name: M) => string
    prompt: {
      text: (name: M) => string
      intro: (name: M, day: string) => string
      goalLine: (goal: M, soFar: string, target: string) => string
    }
    command: {
      usage: string
      heading: (name: M, today: string) => string
      noGoals: string
      owner: (owner: M) => string
      soFar: (value: string, asOf: string) => string
      nothingYet: string
      target: (value: string) => string
      expected: (value: string, asOf: string) => string
      projected: (value: string) => string
      lastDays: (list: string) => string
      entry: (date: string, value: string, mode: EntryMode) => string
      status: Record<PaceStatus, string>
    }
    curve: { label: string; hint: string; options: Record<GoalCurve, string> }
  }
}

const en: MetricMessages = {
  metrics: {
    enterFigures: 'Enter figures',
    modal: {
      title: 'Enter figures',
      submit: 'Save',
      close: 'Cancel',
      intro: (name) => `Figures for *${name}*. Leave a goal empty to skip it; entering a day again replaces its figure (the old one is kept).`,
      day: 'Day',
      dayHint: 'Today, or an earlier day of the campaign you missed.',
      goalHeading: (goal, soFar, target) => `*${goal}* · so far ${soFar} of ${target}`,
      value: (goal) => `${goal}: figure`,
      valueHint: (unit) => `A number (${unit}), zero if nothing happened.`,
      mode: 'This figure is',
      modes: { day: "the day's own figure", total: 'the running total as of that day' },
      note: 'Note',
      onlyYours: (count) => `Only the ${count} goal${count === 1 ? '' : 's'} you report on are shown.`,
    },
    refusal: {
      notAllowed: (name) => `Sorry, you do not report any goal of *${name}*: a goal's data owner, the campaign's owner or a workspace admin enters its figures.`,
      noGoals: (name) => `*${name}* has no goals to enter figures for.`,
      notLive: (name, stage) => `*${name}* is not live (now: ${stage}): figures are entered while it runs.`,
      goalGone: 'A goal on this form was removed meanwhile: please open the form again.',
    },
    nothingEntered: 'Enter at least one figure.',
    fieldError: (code, max) => ({
      invalid_date: 'Please pick a valid date.',
      before_start: 'The campaign had not started yet on that day.',
      after_end: 'The campaign had already ended on that day.',
      in_future: 'That day is still to come: pick today or an earlier day.',
      too_long: `Please keep this to ${max ?? 'fewer'} characters.`,
    } as Partial<Record<MetricFieldErrorCode, string>>)[code] ?? null,
    saved: (count, name) => `Saved ${count} figure${count === 1 ? '' : 's'} for *${name}*.`,
    prompt: {
      text: (name) => `Time for today's figures of ${name}`,
      intro: (name, day) => `:bar_chart: Time for today's figures of *${name}* (${day}). Still to enter:`,
      goalLine: (goal, soFar, target) => `• *${goal}*: so far ${soFar} of ${target}`,
    },
    command: {
      usage: 'Which campaign? `/campaign metrics &lt;name or id&gt;`',
      heading: (name, today) => `:bar_chart: *Figures of ${name}* (today ${today})`,
      noGoals: 'This campaign has no goals.',
      owner: (owner) => `reported by ${owner}`,
      soFar: (value, asOf) => `*${value}* so far (as of ${asOf})`,
      nothingYet: 'no figures yet',
      target: (value) => `target ${value}`,
      expected: (value, asOf) => `expected by ${asOf}: ${value}`,
      projected: (value) => `projected end: ${value}`,
      lastDays: (list) => `Last days: ${list}`,
      entry: (date, value, mode) => (mode === 'total' ? `${date} total ${value}` : `${date} +${value}`),
      status: { on_track: ':large_green_circle: on track', at_risk: ':large_yellow_circle: at risk', behind: ':red_circle: behind', not_started: ':white_circle: not started' },
    },
    curve: {
      label: 'Curve',
      hint: 'How the figure is expected to grow: evenly, or mostly in the first days (launch buzz).',
      options: { linear: 'Linear', front_loaded: 'Front-loaded' },
    },
  },
}

const zh: MetricMessages = {
  metrics: {
    enterFigures: '填报数据',
    modal: {
      title: '填报数据',
      submit: '保存',
      close: '取消',
      intro: (name) => `填报 *${name}* 的数据。不填的目标会跳过；同一天再次填报会替换原数据（旧数据会保留）。`,
      day: '日期',
      dayHint: '今天，或活动中漏填的更早某天。',
      goalHeading: (goal, soFar, target) => `*${goal}* · 目前 ${soFar} / 目标 ${target}`,
      value: (goal) => `${goal}：数值`,
      valueHint: (unit) => `一个数字（${unit}），当天没有则填 0。`,
      mode: '这个数值是',
      modes: { day: '当天的数值', total: '截至当天的累计总数' },
      note: '备注',
      onlyYours: (count) => `只显示由你填报的 ${count} 个目标。`,
    },
    refusal: {
      notAllowed: (name) => `抱歉，你不负责 *${name}* 的任何目标的数据：目标的数据负责人、活动负责人或工作区管理员才能填报。`,
      noGoals: (name) => `*${name}* 没有可填报数据的目标。`,
      notLive: (name, stage) => `*${name}* 不在进行中（当前：${stage}）：活动进行期间才能填报数据。`,
      goalGone: '这个表单中的某个目标已被删除：请重新打开表单。',
    },
    nothingEntered: '请至少填写一个数值。',
    fieldError: (code, max) => ({
      invalid_date: '请选择有效的日期。',
      before_start: '那天活动还没有开始。',
      after_end: '那天活动已经结束。',
      in_future: '那天还没到：请选择今天或更早的日期。',
      too_long: `请不要超过 ${max ?? ''} 个字符。`,
    } as Partial<Record<MetricFieldErrorCode, string>>)[code] ?? null,
    saved: (count, name) => `已保存 *${name}* 的 ${count} 个数据。`,
    prompt: {
      text: (name) => `请填报 ${name} 今天的数据`,
      intro: (name, day) => `:bar_chart: 请填报 *${name}* 今天（${day}）的数据。尚未填报：`,
      goalLine: (goal, soFar, target) => `• *${goal}*：目前 ${soFar} / 目标 ${target}`,
    },
    command: {
      usage: '哪个活动？`/campaign metrics &lt;名称或编号&gt;`',
      heading: (name, today) => `:bar_chart: *${name} 的数据*（今天 ${today}）`,
      noGoals: '这个活动没有目标。',
      owner: (owner) => `由 ${owner} 填报`,
      soFar: (value, asOf) => `目前 *${value}*（截至 ${asOf}）`,
      nothingYet: '还没有数据',
      target: (value) => `目标 ${value}`,
      expected: (value, asOf) => `截至 ${asOf} 应达到 ${value}`,
      projected: (value) => `预计结束时 ${value}`,
      lastDays: (list) => `最近几天：${list}`,
      entry: (date, value, mode) => (mode === 'total' ? `${date} 累计 ${value}` : `${date} +${value}`),
      status: { on_track: ':large_green_circle: 进度正常', at_risk: ':large_yellow_circle: 有风险', behind: ':red_circle: 落后', not_started: ':white_circle: 尚未开始' },
    },
    curve: {
      label: '增长曲线',
      hint: '预计数据如何增长：均匀增长，或主要集中在前几天（上线热度）。',
      options: { linear: '线性', front_loaded: '前高后低' },
    },
  },
}

export const metricMessages: Record<Locale, MetricMessages> = { en, 'zh-CN': zh }
