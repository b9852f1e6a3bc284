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
import { taskChanges } from '../../src/store/plans.ts'
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
    for (const id of ['U1', 'U2', 'UA1', 'UA2', 'UA3', 'UB1', 'UB2', 'UB3', 'UC1', 'UC2', 'UEN', 'UD1', 'UD2', 'UD3']) rig.slack.addUser({ id, teamId: 'T1' })
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

  async function taskRow(title: string) {
    return withStore(rig.config, async (store) => {
      const rows = await store.home.homeOf('T1', 'UA3', { tasks: 100, campaigns: 0 })
      return rows.openTasks.find((t) => t.title === title) ?? null
    })
  }

  it('publishes on app_home_opened: open tasks soonest due first with overdue marked, and campaigns with stage and completeness', async () => {
    const { campaignId } = await approvedCampaign(rig, { name: 'Home tea festival', ownerId: 'UA1', approverId: 'UA2' })
    await withStore(rig.config, (store) => store.plans.changeSection({
      teamId: 'T1', campaignId, section: 'tasks', actorId: 'UA1', at: rig.clock.now(), outbox: () => [],
      change: async (tx, id, before) => {
        const add = (title: string, ownerId: string, dueDate: string) =>
          taskChanges.add('T1', { title, ownerId, stage: 'content', startDate: '2026-11-20', dueDate }, rig.clock.now())(tx, id, before)
        await add('Write the <copy> & slogan', 'UA3', dayFromDecember(4))
        await add('Brief the designers', 'UA3', dayFromDecember(-3))
        await add('Book the KOL', 'UA1', dayFromDecember(2))
        return true
      },
    }))
    await propose(rig, validForm({ name: 'Home spring tea', ownerId: 'UA1', approverId: 'UA3' }))

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
    expect(buttons(home, 'home_task_start')).toHaveLength(2)
    expect(buttons(home, 'home_task_complete')).toHaveLength(2)
    // Both campaigns: the approved one with its plan completeness and an Open plan button, the proposal with its stage.
    expect(text).toContain('Your campaigns (2)')
    expect(text).toMatch(/Home tea festival\* · Planning\\ntasks · plan 2\/9 sections complete · 2 open tasks of yours/)
    expect(text).toMatch(/Home spring tea\* · Proposed\\napprover/)
    expect(buttons(home, 'home_open_plan').map((b) => b.value)).toEqual([String(campaignId)])
    expect(buttons(home, 'home_new_campaign')).toHaveLength(1)

    // The owner's Home lists the campaign as theirs, and their own task.
    const ownerHome = homeText(await openHome('UA1'))
    expect(ownerHome).toContain('Book the KOL')
    expect(ownerHome).toMatch(/Home tea festival\* · Planning\\nowner/)
  })

  it('opens the plan and the proposal modal from the Home', async () => {
    const home = await openHome('UA3')
    const [openPlan] = buttons(home, 'home_open_plan')
    let since = rig.slack.calls.length
    await click('UA3', home, 'home_open_plan', openPlan!.value)
    const plan = await rig.slack.waitFor('views.open', () => true, { since })
    expect(plan.result.ok, JSON.stringify(plan.result)).toBe(true)
    expect(plan.result.view.title.text).toBe('Campaign plan')
    expect(JSON.stringify(plan.result.view.blocks).match(/plan_section_open/g)).toHaveLength(9)
    expect(JSON.stringify(plan.result.view.blocks)).not.toContain('plan_ready')

    since = rig.slack.calls.length
    await click('UA3', home, 'home_new_campaign', 'new')
    const proposal = await rig.slack.waitFor('views.open', () => true, { since })
    expect(proposal.result.ok, JSON.stringify(proposal.result)).toBe(true)
    expect(proposal.result.view.callback_id).toBe('campaign_proposal')
    expect(JSON.stringify(proposal.result.view.blocks)).toContain('"initial_user":"UA3"')
  })

  it('completes a task from the Home: the Home is published again without it, for everyone the change concerns', async () => {
    const home = await openHome('UA3')
    const value = taskButton(home, 'Brief the designers', 'home_task_complete')
    const since = rig.slack.homePublished.length
    await click('UA3', home, 'home_task_complete', value)
    const refreshed = await rig.slack.waitForHome('UA3', (v) => !homeText(v).includes('Brief the designers'), { since })
    expect(homeText(refreshed)).toContain('Your open tasks (1)')
    expect(homeText(refreshed)).toContain('Write the &lt;copy&gt; &amp; slogan')
    // The owner and the approver see the campaign's progress change too.
    await rig.slack.waitForHome('UA1', () => true, { since })
    await rig.slack.waitForHome('UA2', () => true, { since })
    expect(await taskRow('Brief the designers')).toBeNull()

    // The same click again, on the copy of the Home that still showed the task: refused in a modal, nothing changes.
    const calls = rig.slack.calls.length
    await click('UA3', home, 'home_task_complete', value)
    const notice = await rig.slack.waitFor('views.open', () => true, { since: calls })
    expect(JSON.stringify(notice.args.view)).toContain('changed since your Home showed it')
  })

  it('starts a task; someone else cannot', async () => {
    const home = await openHome('UA3')
    const value = taskButton(home, 'Write the &lt;copy&gt;', 'home_task_start')
    // UB1 is no one on this campaign: the click is refused in words and the task stays as it was.
    const calls = rig.slack.calls.length
    await click('UB1', home, 'home_task_start', value)
    const refusal = await rig.slack.waitFor('views.open', () => true, { since: calls })
    expect(JSON.stringify(refusal.args.view)).toContain("Only the task's owner")
    expect((await taskRow('Write the <copy> & slogan'))?.status).toBe('todo')

    const since = rig.slack.homePublished.length
    await click('UA3', home, 'home_task_start', value)
    const refreshed = await rig.slack.waitForHome('UA3', (v) => homeText(v).includes('In progress'), { since })
    // In progress: Complete remains, Start is gone.
    expect(buttons(refreshed, 'home_task_start')).toHaveLength(0)
    expect(buttons(refreshed, 'home_task_complete')).toHaveLength(1)
  })

  it.each([
    ['UEN', 'en', /…and 180 more open tasks: see them all with `\/campaign mine`/, /…and 5 more campaigns: see them all with `\/campaign list`/],
    ['UZH', 'zh', /还有 180 项未完成任务：用 `\/campaign mine` 查看全部/, /还有 5 个活动：用 `\/campaign list` 查看全部/],
  ] as const)('200 open tasks across 20 campaigns (and 5 more to approve) publish within Slack\'s limits (%s)', async (userId, language, moreTasks, moreCampaigns) => {
    await seedCampaigns(rig.config, [
      ...busyPerson(userId, { campaigns: 20, perCampaign: 10, ownerId: 'UC1', approverId: 'UC2', prefix: `Busy ${language}`, language }),
      ...Array.from({ length: 5 }, (_, i) => ({ name: `To approve ${language} ${i}`, ownerId: 'UC1', approverId: userId, approved: false })),
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
    expect(buttons(home, 'home_task_complete')).toHaveLength(20)
    expect(text).toContain(language === 'zh' ? '你的未完成任务（200）' : 'Your open tasks (200)')
    expect(text).toContain(language === 'zh' ? '你的活动（25）' : 'Your campaigns (25)')
    expect(text).not.toMatch(/<festival>|<推广>/) // escaped
  })

  it('two changes in quick succession end with the newest Home', async () => {
    await seedCampaigns(rig.config, [{
      name: 'Quick succession', ownerId: 'UD1', approverId: 'UD2',
      tasks: [
        { title: 'First quick task', ownerId: 'UD3', dueDate: dayFromDecember(1) },
        { title: 'Second quick task', ownerId: 'UD3', dueDate: dayFromDecember(2) },
      ],
    }], rig.clock.now())
    const home = await openHome('UD3')
    const first = taskButton(home, 'First quick task', 'home_task_complete')
    const second = taskButton(home, 'Second quick task', 'home_task_complete')
    await Promise.all([click('UD3', home, 'home_task_complete', first), click('UD3', home, 'home_task_complete', second)])

    // Every Home refresh of UD3 delivered or dropped for a newer one…
    const deadline = Date.now() + 10_000
    for (;;) {
      const { outbox } = await inspect(rig)
      const refreshes = outbox.filter((row) => row.kind === 'home' && row.target === 'UD3')
      if (refreshes.length === 2 && refreshes.every((row) => row.status === 'sent' || row.status === 'superseded')) break
      expect(Date.now(), JSON.stringify(refreshes)).toBeLessThan(deadline)
      await new Promise((resolve) => setTimeout(resolve, 25)) // polling the outbox, not driving time
    }
    // …and what Slack shows last is the Home with both tasks done.
    const shown = homeText(rig.slack.homeTabs.get('UD3')!)
    expect(shown).not.toContain('First quick task')
    expect(shown).not.toContain('Second quick task')
    expect(shown).toContain('No open tasks')
  })
})
