import { describe, expect, it } from 'vitest'
import {
  checkTask, isOverdue, openTasksSoonestFirst, progress, taskLimits, taskStatuses, taskTemplate, taskTransition,
  tasksByStage, templateTaskKeys, workStages, type Task, type TaskStatus,
} from '../../src/domain/tasks.ts'

// Tuesday 10 March 2026, planning a campaign of 1–14 April.
const today = '2026-03-10'
const window = { startDate: '2026-04-01', endDate: '2026-04-14' }

let nextId = 1
function task(change: Partial<Task> = {}): Task {
  return {
    id: nextId++, campaignId: 1, title: 'Design the banner', stage: 'design', ownerId: 'U0DESIGN',
    startDate: '2026-03-12', dueDate: '2026-03-18', status: 'todo', blockedReason: null, version: 1, ...change,
  }
}

describe('checkTask', () => {
  const input = { title: ' Design the banner ', stage: 'design', ownerId: 'U0DESIGN', startDate: '2026-03-12', dueDate: '2026-03-18' }

  it('passes and trims a task', () => {
    expect(checkTask(input)).toEqual({ ok: true, value: { ...input, title: 'Design the banner' } })
  })

  it('lets a task start and be due on the same day', () => {
    expect(checkTask({ ...input, dueDate: input.startDate }).ok).toBe(true)
  })

  it('refuses a task due before it starts', () => {
    expect(checkTask({ ...input, dueDate: '2026-03-11' })).toEqual({ ok: false, errors: { dueDate: { code: 'due_before_start' } } })
  })

  it('requires every field, valid', () => {
    expect(checkTask({ title: '', stage: 'dancing', ownerId: 'C0CHANNEL', startDate: '2026-02-30', dueDate: 'friday' })).toEqual({
      ok: false,
      errors: {
        title: { code: 'required' }, stage: { code: 'required' }, ownerId: { code: 'required' },
        startDate: { code: 'invalid_date' }, dueDate: { code: 'invalid_date' },
      },
    })
    expect(checkTask(undefined)).toMatchObject({ ok: false, errors: { title: { code: 'required' } } })
  })

  it('limits the title', () => {
    expect(checkTask({ ...input, title: 'x'.repeat(taskLimits.title) }).ok).toBe(true)
    expect(checkTask({ ...input, title: 'x'.repeat(taskLimits.title + 1) }))
      .toEqual({ ok: false, errors: { title: { code: 'too_long', max: taskLimits.title } } })
  })
})

describe('taskTransition', () => {
  const allowed: [TaskStatus, Parameters<typeof taskTransition>[1], TaskStatus][] = [
    ['todo', 'start', 'in_progress'],
    ['blocked', 'start', 'in_progress'],
    ['todo', 'complete', 'done'],
    ['in_progress', 'complete', 'done'],
    ['blocked', 'complete', 'done'],
    ['todo', 'block', 'blocked'],
    ['in_progress', 'block', 'blocked'],
    ['done', 'reopen', 'todo'],
  ]
  it.each(allowed)('%s → %s → %s', (status, change, to) => {
    expect(taskTransition({ status }, change, 'Waiting for the legal review')).toMatchObject({ ok: true, status: to })
  })

  it.each([
    ['in_progress', 'start', 'already_in_progress'],
    ['done', 'start', 'already_done'],
    ['done', 'complete', 'already_done'],
    ['blocked', 'block', 'already_blocked'],
    ['done', 'block', 'already_done'],
    ['todo', 'reopen', 'not_done'],
    ['in_progress', 'reopen', 'not_done'],
    ['blocked', 'reopen', 'not_done'],
  ] as const)('refuses %s → %s: %s', (status, change, refusal) => {
    expect(taskTransition({ status }, change, 'a reason')).toEqual({ ok: false, refusal })
  })

  it('covers every status with every change', () => {
    for (const status of taskStatuses) for (const change of ['start', 'complete', 'block', 'reopen'] as const) {
      expect(taskTransition({ status }, change, 'reason')).toHaveProperty('ok')
    }
  })

  it('needs a reason to block, and keeps it trimmed', () => {
    expect(taskTransition({ status: 'todo' }, 'block')).toEqual({ ok: false, refusal: 'reason_required' })
    expect(taskTransition({ status: 'todo' }, 'block', '   ')).toEqual({ ok: false, refusal: 'reason_required' })
    expect(taskTransition({ status: 'todo' }, 'block', ' Waiting for legal ')).toEqual({ ok: true, status: 'blocked', blockedReason: 'Waiting for legal' })
    expect(taskTransition({ status: 'todo' }, 'block', 'x'.repeat(taskLimits.blockedReason + 1))).toEqual({ ok: false, refusal: 'reason_too_long' })
  })

  it('clears the reason when a blocked task moves on', () => {
    expect(taskTransition({ status: 'blocked' }, 'start', 'ignored')).toEqual({ ok: true, status: 'in_progress', blockedReason: null })
    expect(taskTransition({ status: 'blocked' }, 'complete')).toEqual({ ok: true, status: 'done', blockedReason: null })
  })
})

describe('task list views', () => {
  it('an open task is overdue the day after it is due; a done one never', () => {
    expect(isOverdue(task({ dueDate: '2026-03-10' }), today)).toBe(false)
    expect(isOverdue(task({ dueDate: '2026-03-09' }), today)).toBe(true)
    expect(isOverdue(task({ dueDate: '2026-03-09', status: 'blocked' }), today)).toBe(true)
    expect(isOverdue(task({ dueDate: '2026-03-09', status: 'done' }), today)).toBe(false)
  })

  it('lists open tasks soonest due first, overdue ones marked', () => {
    const later = task({ dueDate: '2026-03-20' })
    const late = task({ dueDate: '2026-03-05', status: 'in_progress' })
    const done = task({ dueDate: '2026-03-01', status: 'done' })
    const dueToday = task({ dueDate: today, startDate: '2026-03-08' })
    const dueTodayStartedLater = task({ dueDate: today, startDate: '2026-03-09' })
    expect(openTasksSoonestFirst([later, dueTodayStartedLater, done, late, dueToday], today)).toEqual([
      { task: late, overdue: true },
      { task: dueToday, overdue: false },
      { task: dueTodayStartedLater, overdue: false },
      { task: later, overdue: false },
    ])
  })

  it('groups by work stage in the order of the work', () => {
    const build = task({ stage: 'build' })
    const creative = task({ stage: 'creative', startDate: '2026-03-01', dueDate: '2026-03-05' })
    const earlyCreative = task({ stage: 'creative', startDate: '2026-02-25', dueDate: '2026-03-02' })
    expect(tasksByStage([build, creative, earlyCreative])).toEqual([
      { stage: 'creative', tasks: [earlyCreative, creative] },
      { stage: 'build', tasks: [build] },
    ])
    expect(tasksByStage([])).toEqual([])
  })

  it('counts done tasks', () => {
    expect(progress([task({ status: 'done' }), task({ status: 'blocked' }), task()])).toEqual({ done: 1, total: 3 })
    expect(progress([])).toEqual({ done: 0, total: 0 })
  })
})

describe('taskTemplate', () => {
  const byKey = (tasks: ReturnType<typeof taskTemplate>) => Object.fromEntries(tasks.map((t) => [t.key, [t.startDate, t.dueDate]]))

  it('dates a site campaign around its window', () => {
    expect(byKey(taskTemplate('own_site', window, today))).toEqual({
      creative_brief: ['2026-03-11', '2026-03-14'],
      campaign_theme: ['2026-03-15', '2026-03-17'],
      campaign_copy: ['2026-03-18', '2026-03-21'],
      visual_design: ['2026-03-18', '2026-03-23'],
      landing_page_build: ['2026-03-22', '2026-03-27'],
      tracking_setup: ['2026-03-26', '2026-03-29'],
      promotion_preheat: ['2026-03-25', '2026-03-31'],
      qa_test: ['2026-03-28', '2026-03-30'],
      customer_service_brief: ['2026-03-29', '2026-03-31'],
      launch: ['2026-04-01', '2026-04-01'],
      daily_data_report: ['2026-04-01', '2026-04-14'],
      promotion_adjustments: ['2026-04-01', '2026-04-14'],
      customer_service: ['2026-04-01', '2026-04-14'],
      retrospective: ['2026-04-15', '2026-04-17'],
    })
  })

  it('sets up the account and checks the platform rules for a platform campaign, and builds no page', () => {
    const tasks = byKey(taskTemplate('platform', window, today))
    expect(tasks).toMatchObject({
      platform_rules_check: ['2026-03-16', '2026-03-18'],
      account_setup: ['2026-03-22', '2026-03-26'],
      platform_content: ['2026-03-22', '2026-03-28'],
      launch: ['2026-04-01', '2026-04-01'],
      retrospective: ['2026-04-15', '2026-04-17'],
    })
    expect(tasks).not.toHaveProperty('landing_page_build')
    expect(tasks).not.toHaveProperty('qa_test')
  })

  it.each(['own_site', 'platform'] as const)('a %s template has 10–14 tasks in the order they start, each key once', (kind) => {
    const tasks = taskTemplate(kind, window, today)
    expect(tasks.length).toBeGreaterThanOrEqual(10)
    expect(tasks.length).toBeLessThanOrEqual(14)
    expect(new Set(tasks.map((t) => t.key)).size).toBe(tasks.length)
    expect(tasks.map((t) => t.startDate)).toEqual(tasks.map((t) => t.startDate).sort())
    for (const t of tasks) {
      expect(templateTaskKeys).toContain(t.key)
      expect(workStages).toContain(t.stage)
      expect(t.dueDate >= t.startDate).toBe(true)
      expect(checkTask({ title: t.key, stage: t.stage, ownerId: 'U0OWNER', startDate: t.startDate, dueDate: t.dueDate }).ok).toBe(true)
    }
  })

  it('moves work that would already be late to today, keeping each task due on or after its start', () => {
    const soon = '2026-03-25' // a week before the start: inside the lead time
    const tasks = byKey(taskTemplate('own_site', window, soon))
    expect(tasks.creative_brief).toEqual([soon, soon])
    expect(tasks.landing_page_build).toEqual([soon, '2026-03-27'])
    expect(tasks.promotion_preheat).toEqual([soon, '2026-03-31'])
    expect(tasks.qa_test).toEqual(['2026-03-28', '2026-03-30'])
    expect(tasks.launch).toEqual(['2026-04-01', '2026-04-01'])
    for (const [startDate, dueDate] of Object.values(tasks)) {
      expect(startDate! >= soon).toBe(true)
      expect(dueDate! >= startDate!).toBe(true)
    }
  })

  it('crosses months and leap days', () => {
    const tasks = byKey(taskTemplate('platform', { startDate: '2028-03-01', endDate: '2028-03-10' }, '2028-01-01'))
    expect(tasks.promotion_preheat).toEqual(['2028-02-23', '2028-02-29'])
    expect(tasks.retrospective).toEqual(['2028-03-11', '2028-03-13'])
  })
})
