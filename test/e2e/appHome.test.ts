// App Home end to end: published when the person opens the Home tab, with their open tasks and
// campaigns; Start / Complete from it, refreshed through the outbox after a change (for everyone
// the change concerns), within Slack's limits at the largest size, in both languages; and two
// changes in quick succession end with the newest Home. One app per provider; each test its own people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { busyPerson, dayFromDecember, seedCampaigns, withStore } from '../support/home.ts'
import { inspect } from '../support/inspect.ts'
import { approvedCampaign } from '../support/plans.ts'
import { taskSectionChanges } from '../../src/store/tasks.ts'
import { propose, validForm } from '../support/proposals.ts'

type View = Record<string, any>

const homeText = (view: View) => JSON.stringify(view.blocks)
const buttons = (view: View, actionId: string): Array<{ action_id: string; value: string }> =>
  (view.blocks as View[]).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]).filter((e: View) => e.type === 'button' && e.action_id === actionId)
/** The Start / Complete buttons under the task line whose text contains `title`. */
function taskButton(view: View, title: string, actionId: string): string {
  const blocks = view.blocks as View[]
  const index = blocks.findIndex((b) => b.type === 'section' && String(b.text?.text).includes(title))
  expect(index, `no task line with ${title}`).toBeGreaterThanOrEqual(0)
  const button = (blocks[index + 1]?.elements ?? []).find((e: View) => e.action_id === actionId)
  expect(button, `no ${actionId} under ${title}`).toBeDefined()
  return button.value as string
}

describe.each(testProviders())('App Home on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider)
    rig.slack.addChannel({ id: 'C1', name: 'campaigns', members: [rig.slack.botUserId] })
    for (const id of ['U1', 'U2', 'UBUSY1', 'UBUSY2', 'UEN', 'UQ1', 'UQ2', 'UQ3']) rig.slack.addUser({ id, teamId: 'T1' })
    rig.slack.addUser({ id: 'UZH', teamId: 'T1', locale: 'zh-CN' })
  })
  afterAll(async () => rig.close())

  /** Opens the Home tab as `userId`; resolves with the Home published for it. */
  async function openHome(userId: string): Promise<View> {
    const since = rig.slack.homePublished.length
    const answer = await rig.client.appHomeOpened({ teamId: 'T1', userId, tab: 'home' })
    expect(answer.status).toBe(200)
    return rig.slack.waitForHome(userId, () => true, { since })
  }

  async function click(userId: string, home: View, actionId: string, value: string) {
    const answer = await rig.client.blockAction({ teamId: 'T1', userId, actionId, value, view: { id: home.id, type: 'home', hash: home.hash } })
    expect(answer.status).toBe(200)
  }

  async function taskRow(userId: string, title: string) {
    return withStore(rig.config, async (store) => {
      const rows = await store.home.homeOf('T1', userId, { tasks: 100, campaigns: 0 })
      return rows.openTasks.find((t) => t.title === title) ?? null
    })
  }

  /**
   * A cast of its own for a test: `${p}1` owns and `${p}2` approves an approved campaign in which
   * `${p}3` has two tasks (one overdue) and `${p}1` one; `${p}3` also approves a proposal.
   */
  async function teaFestival(p: string) {
    for (const n of [1, 2, 3]) rig.slack.addUser({ id: `${p}${n}`, teamId: 'T1' })
    const name = `${p} tea festival`
    const { campaignId } = await approvedCampaign(rig, { name, ownerId: `${p}1`, approverId: `${p}2` })
    await withStore(rig.config, (store) => store.plans.changeSection({
      teamId: 'T1', campaignId, section: 'tasks', actorId: `${p}1`, at: rig.clock.now(), outbox: () => [],
      change: async (tx, id, before) => {
        const add = (title: string, ownerId: string, dueDate: string) =>
          taskSectionChanges.add('T1', { title, ownerId, stage: 'content', startDate: '2026-11-20', dueDate }, rig.clock.now(), {})(tx, id, before)
        await add('Write the <copy> & slogan', `${p}3`, dayFromDecember(4))
        await add('Brief the designers', `${p}3`, dayFromDecember(-3))
        await add('Book the KOL', `${p}1`, dayFromDecember(2))
        return true
      },
    }))
    await propose(rig, validForm({ name: `${p} spring tea`, ownerId: `${p}1`, approverId: `${p}3` }))
    return { campaignId, name, owner: `${p}1`, approver: `${p}2`, worker: `${p}3` }
  }

  it('publishes on app_home_opened: open tasks soonest due first with overdue marked, and campaigns with stage and completeness', async () => {
    const { campaignId } = await teaFestival('UA')

    // The Messages tab is not the Home: nothing is published for it.
    const before = rig.slack.homePublished.length
    expect((await rig.client.appHomeOpened({ teamId: 'T1', userId: 'UA3', tab: 'messages' })).status).toBe(200)
    const home = await openHome('UA3')
    expect(rig.slack.homePublished.slice(before).filter((p) => p.userId === 'UA3')).toHaveLength(1)
    expect(home.type).toBe('home')

    const text = homeText(home)
    // Soonest due first, the overdue one marked; another person's task is not listed.
    expect(text.indexOf('Brief the designers')).toBeLessThan(text.indexOf('Write the &lt;copy&gt; &amp; slogan'))
    expect(text).toMatch(/Brief the designers[^"]*overdue/)
    expect(text).not.toContain('Book the KOL')
    expect(text).toContain('Your open tasks (2)')
    expect(buttons(home, 'task_dm_start')).toHaveLength(2)
    expect(buttons(home, 'task_dm_complete')).toHaveLength(2)
    // Both campaigns: the approved one with its plan completeness and an Open plan button, the proposal with its stage.
    expect(text).toContain('Your campaigns (2)')
    expect(text).toMatch(/UA tea festival\* · Planning\\ntasks · plan 2\/9 sections complete · 2 open tasks of yours/)
    expect(text).toMatch(/UA spring tea\* · Proposed\\napprover/)
    expect(buttons(home, 'home_open_plan').map((b) => b.value)).toEqual([String(campaignId)])
    expect(buttons(home, 'home_new_campaign')).toHaveLength(1)

    // The owner's Home lists the campaign as theirs, and their own task.
    const ownerHome = homeText(await openHome('UA1'))
    expect(ownerHome).toContain('Book the KOL')
    expect(ownerHome).toMatch(/UA tea festival\* · Planning\\nowner/)
  })

  it('opens the plan and the proposal modal from the Home', async () => {
    const { campaignId, worker } = await teaFestival('UB')
    const home = await openHome(worker)
    expect(buttons(home, 'home_open_plan').map((b) => b.value)).toEqual([String(campaignId)])
    let since = rig.slack.calls.length
    await click(worker, home, 'home_open_plan', String(campaignId))
    const plan = await rig.slack.waitFor('views.open', () => true, { since })
    expect(plan.result.ok, JSON.stringify(plan.result)).toBe(true)
    expect(plan.result.view.title.text).toBe('Campaign plan')
    expect(JSON.stringify(plan.result.view.blocks).match(/plan_section_open/g)).toHaveLength(9)
    expect(JSON.stringify(plan.result.view.blocks)).not.toContain('plan_ready')
    // A section's Open button inside it is the plan's own: its section opens on top.
    since = rig.slack.calls.length
    const planView = plan.result.view
    await rig.client.blockAction({ teamId: 'T1', userId: worker, actionId: 'plan_section_open', value: `${campaignId}:goals`, view: { id: planView.id, type: 'modal', private_metadata: planView.private_metadata } })
    const pushed = await rig.slack.waitFor('views.push', () => true, { since })
    expect(pushed.result.ok, JSON.stringify(pushed.result)).toBe(true)

    since = rig.slack.calls.length
    await click(worker, home, 'home_new_campaign', 'new')
    const proposal = await rig.slack.waitFor('views.open', () => true, { since })
    expect(proposal.result.ok, JSON.stringify(proposal.result)).toBe(true)
    expect(proposal.result.view.callback_id).toBe('campaign_proposal')
    expect(JSON.stringify(proposal.result.view.blocks)).toContain(`"initial_user":"${worker}"`)
  })

  it('completes a task from the Home: the Home is published again without it, for everyone the change concerns', async () => {
    const { owner, approver, worker } = await teaFestival('UC')
    const home = await openHome(worker)
    const value = taskButton(home, 'Brief the designers', 'task_dm_complete')
    const since = rig.slack.homePublished.length
    await click(worker, home, 'task_dm_complete', value)
    const refreshed = await rig.slack.waitForHome(worker, (v) => !homeText(v).includes('Brief the designers'), { since })
    expect(homeText(refreshed)).toContain('Your open tasks (1)')
    expect(homeText(refreshed)).toContain('Write the &lt;copy&gt; &amp; slogan')
    // The owner and the approver see the campaign's progress change too.
    await rig.slack.waitForHome(owner, () => true, { since })
    await rig.slack.waitForHome(approver, () => true, { since })
    expect(await taskRow(worker, 'Brief the designers')).toBeNull()

    // The same click again, from the copy of the Home that still showed the task: refused in a modal (the Home has no thread).
    const calls = rig.slack.calls.length
    await click(worker, home, 'task_dm_complete', value)
    const notice = await rig.slack.waitFor('views.open', () => true, { since: calls })
    expect(JSON.stringify(notice.args.view)).toContain('This task is already done.')
  })

  it('starts a task; someone else cannot', async () => {
    const { worker } = await teaFestival('UD')
    rig.slack.addUser({ id: 'UDX', teamId: 'T1' })
    const home = await openHome(worker)
    const value = taskButton(home, 'Write the &lt;copy&gt;', 'task_dm_start')
    // UDX is no one on this campaign: the click is refused in words and the task stays as it was.
    const calls = rig.slack.calls.length
    await click('UDX', home, 'task_dm_start', value)
    const refusal = await rig.slack.waitFor('views.open', () => true, { since: calls })
    expect(JSON.stringify(refusal.args.view)).toContain("Only the task's owner")
    expect((await taskRow(worker, 'Write the <copy> & slogan'))?.status).toBe('todo')

    const since = rig.slack.homePublished.length
    await click(worker, home, 'task_dm_start', value)
    const refreshed = await rig.slack.waitForHome(worker, (v) => homeText(v).includes('In progress'), { since })
    // In progress: Complete remains under it, Start is gone.
    expect(() => taskButton(refreshed, 'Write the &lt;copy&gt;', 'task_dm_start')).toThrow()
    expect(taskButton(refreshed, 'Write the &lt;copy&gt;', 'task_dm_complete')).toBe(value)
  })

  it.each([
    ['UEN', 'en', /…and 180 more open tasks: see them all with `\/campaign mine`/, /…and 5 more campaigns: see them all with `\/campaign list`/],
    ['UZH', 'zh', /还有 180 项未完成任务：用 `\/campaign mine` 查看全部/, /还有 5 个活动：用 `\/campaign list` 查看全部/],
  ] as const)('200 open tasks across 20 campaigns (and 5 more to approve) publish within Slack\'s limits (%s)', async (userId, language, moreTasks, moreCampaigns) => {
    await seedCampaigns(rig.config, [
      ...busyPerson(userId, { campaigns: 20, perCampaign: 10, ownerId: 'UBUSY1', approverId: 'UBUSY2', prefix: `Busy ${language}`, language }),
      ...Array.from({ length: 5 }, (_, i) => ({ name: `To approve ${language} ${i}`, ownerId: 'UBUSY1', approverId: userId, approved: false })),
    ], rig.clock.now())
    const since = rig.slack.calls.length
    const home = await openHome(userId)
    const published = rig.slack.callsTo('views.publish').slice(-1)[0]!
    expect(rig.slack.calls.indexOf(published)).toBeGreaterThanOrEqual(since)
    expect(published.result.ok, JSON.stringify(published.result)).toBe(true)
    expect(home.blocks.length).toBeLessThanOrEqual(100)
    const text = homeText(home)
    expect(text).toMatch(moreTasks)
    expect(text).toMatch(moreCampaigns)
    expect(buttons(home, 'task_dm_complete')).toHaveLength(20)
    expect(text).toContain(language === 'zh' ? '你的未完成任务（200）' : 'Your open tasks (200)')
    expect(text).toContain(language === 'zh' ? '你的活动（25）' : 'Your campaigns (25)')
    expect(text).not.toMatch(/<festival>|<推广>/) // escaped
  })

  it('two changes in quick succession end with the newest Home', async () => {
    await seedCampaigns(rig.config, [{
      name: 'Quick succession', ownerId: 'UQ1', approverId: 'UQ2',
      tasks: [
        { title: 'First quick task', ownerId: 'UQ3', dueDate: dayFromDecember(1) },
        { title: 'Second quick task', ownerId: 'UQ3', dueDate: dayFromDecember(2) },
      ],
    }], rig.clock.now())
    const home = await openHome('UQ3')
    const first = taskButton(home, 'First quick task', 'task_dm_complete')
    const second = taskButton(home, 'Second quick task', 'task_dm_complete')
    await Promise.all([click('UQ3', home, 'task_dm_complete', first), click('UQ3', home, 'task_dm_complete', second)])

    // Every Home refresh of UQ3 delivered or dropped for a newer one…
    // (Polling the outbox, not driving time; bounded by the test's own timeout.)
    await expect.poll(async () => (await inspect(rig)).outbox
      .filter((row) => row.kind === 'home' && row.target === 'UQ3')
      .map((row) => (row.status === 'sent' || row.status === 'superseded' ? 'done' : row.status)), { timeout: 30_000, interval: 25 }).toEqual(['done', 'done'])
    // …and what Slack shows last is the Home with both tasks done.
    const shown = homeText(rig.slack.homeTabs.get('UQ3')!)
    expect(shown).not.toContain('First quick task')
    expect(shown).not.toContain('Second quick task')
    expect(shown).toContain('No open tasks')
  })
})
