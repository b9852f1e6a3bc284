// The tasks surface at its largest (80 tasks, every title and reason at its longest, 200 open tasks
// of one person) fits Slack's limits in both languages: the tasks modal on every page, the forms,
// the template review, the assignment DM and the two command answers.
import { describe, expect, it } from 'vitest'
import { campaignKinds, type Campaign } from '../../src/domain/campaign.ts'
import { proposalLimits } from '../../src/domain/proposal.ts'
import { taskLimits, taskStatuses, taskTemplate, workStages, type Task } from '../../src/domain/tasks.ts'
import { messagesFor, supportedLocales } from '../../src/i18n/catalogue.ts'
import { campaignTasksMessage, myTasksMessage, packLines } from '../../src/slack/tasks/message.ts'
import { emptyPlanRecord } from '../../src/slack/plan/notifications.ts'
import { taskAssignedDm, taskDmMessage } from '../../src/slack/tasks/notifications.ts'
import {
  blockReasonModal, pageCount, pageOfTask, taskFormModal, taskListModal, tasksPerPage, templateReviewModal,
} from '../../src/slack/tasks/modals.ts'
import type { PlanRecord } from '../../src/store/planRecord.ts'
import type { TaskInCampaign } from '../../src/store/tasks.ts'
import { checkMessage, checkView } from '../support/blockKitLimits.ts'

const long = (length: number, char = '任') => char.repeat(length)

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 7, teamId: 'T1', name: long(proposalLimits.name, '<'), stage: 'planning', kind: 'platform', platform: 'weibo', platformOther: null,
    timingNode: 'sales_peak', timingNote: null, startDate: '2026-12-10', endDate: '2027-01-31', channelId: 'C1', ownerId: 'U1',
    approverId: 'U2', createdById: 'U1', version: 2, createdAt: new Date('2026-12-01T02:00:00Z'),
    proposal: { theme: 't', basicContent: 'c', revision: 1, decision: 'approved', decidedById: 'U2', decidedAt: new Date('2026-12-02T02:00:00Z'), sendBackReason: null },
    ...overrides,
  }
}

function longestTasks(count: number): Task[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1, campaignId: 7, title: long(taskLimits.title, i % 2 ? '&' : '任'), stage: workStages[i % workStages.length]!,
    ownerId: `U${1000 + i}`, startDate: '2026-12-01', dueDate: '2026-12-05', status: taskStatuses[i % taskStatuses.length]!,
    blockedReason: taskStatuses[i % taskStatuses.length] === 'blocked' ? long(taskLimits.blockedReason, '>') : null, version: 3,
  }))
}

function recordWith(tasks: Task[]): PlanRecord {
  const base = emptyPlanRecord(campaign(), 'CNY')
  return { ...base, snapshot: { ...base.snapshot, tasks } }
}

describe.each(supportedLocales)('task surfaces in %s', (locale) => {
  const m = messagesFor(locale)
  const record = recordWith(longestTasks(80))
  const owner = { userId: 'U1', isWorkspaceAdmin: false }
  const stranger = { userId: 'U9', isWorkspaceAdmin: false }

  it('the tasks modal: 80 tasks over pages of 25, each page within a modal\'s limits, for an editor and a bystander', () => {
    expect(pageCount(record.snapshot.tasks)).toBe(Math.ceil(80 / tasksPerPage))
    for (const actor of [owner, stranger]) {
      const seen = new Set<number>()
      for (let page = 0; page < pageCount(record.snapshot.tasks); page += 1) {
        const view = taskListModal({ record, m, today: '2026-12-20', actor, page, notice: m.plan.staleCopy('<@U2>' as never) as never })
        expect(checkView(view)).toBeNull()
        for (const block of view.blocks) {
          const overflow = (block as { accessory?: { type: string; options: Array<{ value: string }> } }).accessory
          if (overflow?.type === 'overflow') {
            expect(overflow.options.length).toBeLessThanOrEqual(5)
            seen.add(JSON.parse(overflow.options[0]!.value).t)
          }
        }
      }
      // The owner may act on every task; a bystander only looks.
      expect(seen.size).toBe(actor === owner ? 80 : 0)
    }
    expect(checkView(taskListModal({ record: recordWith([]), m, today: '2026-12-20', actor: owner, page: 0 }))).toBeNull()
    expect(pageOfTask(record.snapshot.tasks, 80)).toBeGreaterThan(0)
  })

  it('the tasks modal says why one cannot change tasks: not theirs to change, or the campaign has ended; while live the owner still adds and edits', () => {
    const listFor = (stage: Campaign['stage'], actor: typeof owner) => {
      const base = emptyPlanRecord(campaign({ stage }), 'CNY')
      const view = taskListModal({ record: { ...base, snapshot: { ...base.snapshot, tasks: longestTasks(2) } }, m, today: '2026-12-20', actor, page: 0 })
      const json = JSON.stringify(view.blocks)
      return { add: json.includes('"action_id":"task_add"'), edit: json.includes('\\"o\\":\\"edit\\"'), json }
    }
    expect(listFor('live', owner)).toMatchObject({ add: true, edit: true })
    const ended = listFor('retrospective', owner)
    expect(ended).toMatchObject({ add: false, edit: false })
    expect(ended.json).toContain(JSON.stringify(m.plan.refusal.tasks_closed).slice(1, -1))
    expect(ended.json).not.toContain(JSON.stringify(m.forms.viewOnly).slice(1, -1))
    const looking = listFor('live', stranger)
    expect(looking).toMatchObject({ add: false, edit: false })
    expect(looking.json).toContain(JSON.stringify(m.forms.viewOnly).slice(1, -1))
  })

  it('the task form, the block reason and the template review (both kinds of campaign)', () => {
    const task = record.snapshot.tasks[0]!
    const modal = taskFormModal({ campaign: record.campaign, m, today: '2026-12-20', task, defaultOwnerId: 'U1', parentViewId: 'V'.repeat(40), page: 3, notice: '<@U2>' as never })
    expect(checkView(modal)).toBeNull()
    expect(checkView(taskFormModal({ campaign: record.campaign, m, today: '2026-12-20', task: null, defaultOwnerId: 'U1', parentViewId: null, page: 0 }))).toBeNull()
    expect(checkView(blockReasonModal(task, m, 'V'.repeat(40), 3))).toBeNull()
    for (const kind of campaignKinds) {
      const template = taskTemplate(kind, { startDate: '2026-12-10', endDate: '2027-01-31' }, '2026-11-01')
      const view = templateReviewModal(campaign({ kind }), template, m.template.title, m)
      expect(checkView(view)).toBeNull()
      expect(view.blocks.length).toBe(1 + template.length * 4)
    }
  })

  it('the assignment DM, and the DM redrawn after each status', () => {
    for (const task of record.snapshot.tasks.slice(0, 4)) {
      expect(checkMessage(taskAssignedDm(task, record.campaign, 'U2', locale).payload)).toBeNull()
      expect(checkMessage(taskDmMessage(task, record.campaign, m.tasks.done.complete(task.title as never), m))).toBeNull()
    }
  })

  it('/campaign tasks with 80 tasks: a few sections, each under 3000 characters, the rest counted', () => {
    const message = campaignTasksMessage(record, '2026-12-20', m)
    expect(checkMessage(message)).toBeNull()
    const text = JSON.stringify(message.blocks)
    expect(text.length).toBeLessThan(13_000)
    expect(text).toContain(m.tasks.overdue)
    // Realistic titles all fit.
    const short = recordWith(longestTasks(80).map((task) => ({ ...task, title: `Task ${task.id} <b>`, blockedReason: null })))
    const all = campaignTasksMessage(short, '2026-12-20', m)
    expect(checkMessage(all)).toBeNull()
    for (let id = 1; id <= 80; id += 1) expect(JSON.stringify(all.blocks)).toContain(`Task ${id} &lt;b&gt;`)
    expect(JSON.stringify(all.blocks)).not.toContain(m.tasks.more(1).slice(0, 3))
  })

  it('/campaign mine with 200 open tasks across campaigns, and with none', () => {
    const tasks: TaskInCampaign[] = longestTasks(200).filter((task) => task.status !== 'done')
      .map((task) => ({ task, campaign: { id: task.id % 20, name: long(proposalLimits.name), stage: 'live' } }))
    const message = myTasksMessage({ tasks, total: 260 }, '2026-12-20', m)
    expect(checkMessage(message)).toBeNull()
    expect(JSON.stringify(message.blocks).length).toBeLessThan(13_000)
    expect(checkMessage(myTasksMessage({ tasks: [], total: 0 }, '2026-12-20', m))).toBeNull()
  })
})

describe('packLines', () => {
  const m = messagesFor('en')
  it('packs lines into texts of at most 3000 characters and counts the tasks cut off', () => {
    const lines = Array.from({ length: 100 }, (_, i) => ({ text: `${i}`.padEnd(200, '.'), task: true }))
    const texts = packLines(lines, m, 5, 5_000)
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000)
    const shown = texts.join('\n').split('\n').filter((line) => line.endsWith('..')).length
    expect(texts.join('\n')).toContain(m.tasks.more(100 - shown + 5))
  })
})
