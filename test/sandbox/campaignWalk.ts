// A whole campaign clicked through the sandbox's page, as its people would: proposed with
// `/campaign new`, approved, planned section by section, made ready, live with its digest and
// figures as the clock is advanced, and closed with the compiled retrospective report. Fields are
// found by their labels and buttons by their names, in the language the app speaks to the acting
// person (the catalogue's own strings). The browser test runs it; scripts/sandbox-pictures.ts runs
// it to take the README's pictures.
import type { Locator } from 'playwright-core'
import { messagesFor, type Locale, type Messages } from '../../src/i18n/catalogue.ts'
import type { SandboxPage } from './sandboxPage.ts'

export type Cast = { owner: string; approver: string; dataOwner: string; designer: string }

export type WalkOptions = {
  /** The campaign's owner speaks this language; the others are whoever the cast names. */
  locale: Locale
  cast: Cast
  campaignName: string
  /** The owner's local time to start from (the sandbox clock's field), and the campaign's dates. */
  startAt: string
  startDate: string
  endDate: string
  /** The owner's local time on the first working day after the end, past the digest time. */
  retroAt: string
  dataOwnerLocale?: Locale
  /** Called at the moments worth a picture, with the part of the page to take. */
  picture?: (name: 'proposal-card' | 'section-error' | 'plan-message' | 'digest' | 'app-home' | 'report', target: Locator | null) => Promise<void>
  /** Progress lines (which step is under way), for a failure's context. */
  log?: (line: string) => void
}

const plainOf = (mrkdwn: string) => mrkdwn.replace(/\*/g, '').replace(/:[a-z_]+:\s*/g, '')

/** The first stage: proposed, approved, the task template taken. Resolves with the plan message. */
export async function beginCampaign(ui: SandboxPage, options: Omit<WalkOptions, 'retroAt'>): Promise<Locator> {
  const m = messagesFor(options.locale)
  const en = messagesFor('en')
  const step = (line: string) => options.log?.(line)
  const { cast } = options

  step('the clock is set to the morning of the proposal')
  await ui.actAs(cast.owner)
  await ui.setTime(options.startAt)

  step('the owner proposes the campaign with /campaign new in #campaigns')
  await ui.goTo('campaigns')
  await ui.send('/campaign new')
  const proposal = ui.dialog(m.proposalModal.titleNew)
  await proposal.waitFor()
  await proposal.getByLabel(m.proposalModal.name.label, { exact: true }).fill(options.campaignName)
  await proposal.getByLabel(m.proposalModal.theme.label, { exact: true }).fill(options.locale === 'zh-CN' ? '冬日暖茶' : 'Tea for two')
  await proposal.getByLabel(m.proposalModal.basicContent.label, { exact: true })
    .fill(options.locale === 'zh-CN' ? '买一罐茶，第二罐半价。' : 'Buy one tin of tea, get the second at half price.')
  await proposal.getByRole('radio', { name: m.kind.own_site }).check()
  await proposal.getByLabel(m.proposalModal.timingNode.label, { exact: true }).selectOption('sales_peak')
  await proposal.getByLabel(m.proposalModal.startDate.label, { exact: true }).fill(options.startDate)
  await proposal.getByLabel(m.proposalModal.endDate.label, { exact: true }).fill(options.endDate)
  await proposal.getByLabel(m.proposalModal.channel.label, { exact: true }).selectOption({ label: '#campaigns' })
  await proposal.getByLabel(m.proposalModal.owner.label, { exact: true }).selectOption({ label: cast.owner })
  await proposal.getByLabel(m.proposalModal.approver.label, { exact: true }).selectOption({ label: cast.approver })
  await ui.pressAndClose(proposal, m.proposalModal.submitNew)
  const card = ui.message(options.campaignName).filter({ has: ui.page.getByRole('button', { name: m.card.approve }) })
  await card.waitFor()
  await options.picture?.('proposal-card', card)

  step('the approver approves the card')
  await ui.actAs(cast.approver)
  const approverCard = ui.message(options.campaignName).filter({ has: ui.page.getByRole('button', { name: new RegExp(`^(${en.card.approve}|${m.card.approve})$`) }) })
  await approverCard.getByRole('button', { name: new RegExp(`^(${en.card.approve}|${m.card.approve})$`) }).click()
  const planMessage = ui.message(m.plan.header(options.campaignName))
  await planMessage.waitFor()

  step('the owner takes the task template from their Messages tab')
  await ui.actAs(cast.owner)
  await ui.goTo('Messages')
  const accept = ui.page.getByRole('button', { name: m.template.accept, exact: true })
  await accept.click()
  await accept.waitFor({ state: 'detached' })
  await ui.goTo('campaigns')
  return planMessage
}

export async function walkCampaign(ui: SandboxPage, options: WalkOptions): Promise<void> {
  const m = messagesFor(options.locale)
  const step = (line: string) => options.log?.(line)
  const { cast } = options
  const planMessage = await beginCampaign(ui, options)

  step('the owner writes the plan, section by section, from the plan message')
  await ui.goTo('campaigns')
  const zh = options.locale === 'zh-CN'
  const f = m.forms
  const openSection = async (section: keyof Messages['plan']['section'], title: string) => {
    await planMessage.locator('.block.section', { hasText: m.plan.section[section] }).getByRole('button', { name: m.plan.open, exact: true }).click()
    const dialog = ui.dialog(title)
    await dialog.waitFor()
    return dialog
  }
  /** Saves a form pushed on a section modal and waits for it to close (the section modal shows again). */
  const save = (form: Locator) => ui.pressAndClose(form, f.save)
  const done = (dialog: Locator) => ui.pressAndClose(dialog, f.done)

  // Purpose and target users open their form at once; the list sections open a modal to add to.
  let form = await openSection('purpose', f.titles.purpose)
  await form.getByLabel(f.purpose.purpose, { exact: true }).selectOption('sales')
  await form.getByRole('checkbox', { name: m.names.lever.acquisition }).check()
  await form.getByLabel(f.purpose.productState, { exact: true }).fill(zh ? '新品茶系列，知名度不高。' : 'A new tea range few people know yet.')
  await save(form)

  let section = await openSection('goals', f.titles.goals)
  await section.getByRole('button', { name: f.add, exact: true }).click()
  form = ui.dialog(f.titles.goal)
  await form.getByLabel(f.goal.metric, { exact: true }).selectOption('orders')
  await form.getByLabel(f.goal.target, { exact: true }).fill(zh ? '很多' : 'lots')
  await form.getByLabel(f.goal.unit, { exact: true }).fill(zh ? '单' : 'orders')
  await form.getByLabel(f.goal.basisKind, { exact: true }).selectOption('reasoned')
  await form.getByLabel(f.goal.basis, { exact: true }).fill(zh ? '去年同期 400 单，今年多一个 KOL。' : 'Last winter brought 400 orders; this year we add a KOL.')
  await form.getByLabel(f.goal.dataOwner, { exact: true }).selectOption({ label: cast.dataOwner })
  await form.getByRole('button', { name: f.save, exact: true }).click()
  // The app answers with an error under the target, in the owner's language.
  await form.getByRole('alert').filter({ hasText: m.planFieldError('not_a_number') }).waitFor()
  const error = await ui.errorUnder(form, f.goal.target)
  if (error !== m.planFieldError('not_a_number')) throw new Error(`the target's error is not under it: ${error}`)
  await options.picture?.('section-error', form)
  await form.getByLabel(f.goal.target, { exact: true }).fill('500')
  await save(form)
  await done(section)

  form = await openSection('targetUsers', f.titles.targetUsers)
  await form.getByLabel(f.targetUsers.who, { exact: true }).fill(zh ? '爱喝茶的年轻上班族' : 'Young office workers who drink tea')
  await form.getByLabel(f.targetUsers.needs, { exact: true }).fill(zh ? '一份可以分享的小心意' : 'A small treat to share')
  await save(form)

  section = await openSection('promotion', f.titles.promotion)
  await section.getByRole('button', { name: f.add, exact: true }).click()
  form = ui.dialog(f.titles.promotionItem)
  await form.getByLabel(f.promotionItem.channel, { exact: true }).selectOption('weibo')
  await form.getByLabel(f.promotionItem.what, { exact: true }).fill(zh ? '预热微博' : 'Teaser post')
  await form.getByLabel(f.promotionItem.onDate, { exact: true }).fill(options.startDate)
  await form.getByLabel(f.promotionItem.promoter, { exact: true }).selectOption({ label: cast.designer })
  await save(form)
  await done(section)

  section = await openSection('contentRules', f.titles.contentRulesList)
  await section.getByRole('button', { name: f.contentRules.editRules, exact: true }).click()
  form = ui.dialog(f.titles.contentRules)
  await form.getByLabel(f.contentRules.description, { exact: true }).fill(zh ? '买一罐茶，第二罐半价。' : 'Buy one tin, get the second at half price.')
  await form.getByLabel(f.contentRules.entryDeadline, { exact: true }).fill(options.endDate)
  await form.getByLabel(f.contentRules.eligibility, { exact: true }).fill(zh ? '注册用户，每人一次。' : 'Registered users, one entry each.')
  await save(form)
  await done(section)

  section = await openSection('budget', f.titles.budget)
  for (const [name, amount] of [[zh ? '精简' : 'Lean', '800'], [zh ? '加码' : 'Bold', '2000']] as const) {
    await section.getByRole('button', { name: f.add, exact: true }).first().click()
    form = ui.dialog(f.titles.scenario)
    await form.getByLabel(f.scenario.name, { exact: true }).fill(name)
    await form.getByLabel(`${f.scenario.line(1)} · ${f.scenario.category}`, { exact: true }).selectOption('promotion')
    await form.getByLabel(`${f.scenario.line(1)} · ${f.scenario.channel}`, { exact: true }).selectOption('weibo')
    await form.getByLabel(`${f.scenario.line(1)} · ${f.scenario.amount}`, { exact: true }).fill(amount)
    await save(form)
  }
  // The first scenario is chosen until another is: choose the bolder one from its ⋯ menu.
  const bold = section.locator('.block.section', { hasText: zh ? '加码' : 'Bold' })
  await bold.getByRole('button', { name: 'More options' }).click()
  await bold.getByRole('menuitem', { name: f.choose, exact: true }).click()
  await bold.getByText('✅').waitFor()
  // A conservative effect estimate for the channel the money goes to.
  await section.getByRole('button', { name: f.add, exact: true }).last().click()
  form = ui.dialog(f.titles.estimate)
  await form.getByLabel(f.estimate.channel, { exact: true }).selectOption('weibo')
  await form.getByLabel(f.estimate.metric, { exact: true }).selectOption('orders')
  await form.getByLabel(f.estimate.expected, { exact: true }).fill('300')
  await save(form)
  await done(section)

  section = await openSection('risks', f.titles.risks)
  await section.getByRole('button', { name: f.add, exact: true }).click()
  form = ui.dialog(f.titles.risk)
  await form.getByLabel(f.risk.description, { exact: true }).fill(zh ? '上线当天服务器过载' : 'Server overload at launch')
  await form.getByLabel(f.risk.likelihood, { exact: true }).selectOption('medium')
  await form.getByLabel(f.risk.impact, { exact: true }).selectOption('high')
  await form.getByLabel(f.risk.mitigation, { exact: true }).fill(zh ? '提前一天扩容' : 'Scale up the day before')
  await form.getByLabel(f.risk.owner, { exact: true }).selectOption({ label: cast.owner })
  await save(form)
  await done(section)

  step('the owner marks the plan ready to go live')
  await planMessage.getByRole('button', { name: m.plan.ready, exact: true }).click()
  await planMessage.getByRole('button', { name: m.plan.backToPlanning, exact: true }).waitFor()
  await options.picture?.('plan-message', planMessage)

  step('a day later the campaign is live, and at 09:30 its digest comes')
  await ui.advance('day')
  await ui.message(plainOf(m.lifecycle.wentLive(options.campaignName as Parameters<Messages['lifecycle']['wentLive']>[0], options.startDate, options.endDate, 'zone')).split(/[(（]/)[0]!).waitFor()
  await ui.advance('hour')
  const digest = ui.message(m.liveDigest.title(options.campaignName))
  await digest.waitFor()
  // Posted at its hour as the clock went by, not when the clock stopped.
  const posted = await digest.getAttribute('aria-label')
  if (!posted?.endsWith(', 09:30')) throw new Error(`the digest came at the wrong time: ${posted}`)
  await options.picture?.('digest', digest)

  step('the data owner enters the first figures from the digest')
  await ui.actAs(cast.dataOwner)
  const dataOwnerM = messagesFor(options.dataOwnerLocale ?? 'en')
  // The digest speaks the campaign's language; the form, the data owner's.
  await ui.message(m.liveDigest.title(options.campaignName)).getByRole('button', { name: m.metrics.enterFigures, exact: true }).click()
  form = ui.dialog(dataOwnerM.metrics.modal.title)
  await ui.settled()
  await ui.fillAndKeep(form.getByLabel(dataOwnerM.metrics.modal.value(dataOwnerM.names.metric.orders), { exact: false }).first(), '120')
  await ui.pressAndClose(form, dataOwnerM.metrics.modal.submit)
  // The figure is in: `/campaign metrics` shows it (to the data owner only).
  await ui.send(`/campaign metrics ${options.campaignName}`)
  await ui.message(plainOf(dataOwnerM.metrics.command.heading(options.campaignName as Parameters<Messages['metrics']['command']['heading']>[0], '')).split(/[(（]/)[0]!.trim())
    .filter({ hasText: '120' }).filter({ hasText: 'Only visible to you' }).waitFor()

  step("the owner's Home tab lists their open tasks; they complete one there")
  await ui.actAs(cast.owner)
  await ui.goTo('Home')
  const home = ui.page.getByRole('region', { name: 'Home tab' })
  const openTasks = home.getByRole('heading', { name: /[(（]\d+[)）]/ }).first()
  await openTasks.waitFor()
  const before = await openTasks.textContent()
  await options.picture?.('app-home', home)
  await home.getByRole('button', { name: m.home.complete, exact: true }).first().click()
  await ui.page.waitForFunction(`!document.querySelector('[aria-label="Home tab"]')?.textContent?.includes(${JSON.stringify(before)})`)
  await ui.goTo('campaigns')

  step('the day after the campaign ends, the retrospective is asked for')
  await ui.actAs(cast.owner)
  await ui.setTime(options.retroAt)
  const retroPrompt = ui.message(options.campaignName).filter({ has: ui.page.getByRole('button', { name: m.retro.fillIn, exact: true }) })
  await retroPrompt.getByRole('button', { name: m.retro.fillIn, exact: true }).click()
  form = ui.dialog(m.retro.modalTitle)
  await form.getByLabel(m.retro.overallEffect, { exact: true }).selectOption('4')
  await form.getByLabel(m.retro.worked(m.workStage.promotion), { exact: true }).fill(zh ? '微博预热带来了第一批订单。' : 'The Weibo teaser brought the first orders.')
  await form.getByLabel(m.retro.biggestLesson, { exact: true }).fill(zh ? '提前两周开始预热。' : 'Start the teasers two weeks earlier.')
  await form.getByLabel(m.retro.wouldRunAgain, { exact: true }).selectOption('with_changes')
  // The owner's actuals may follow on a second page: leave them as they are (prefilled or unknown).
  await form.getByRole('button', { name: new RegExp(`^(${m.retro.save}|${m.retro.next})$`) }).click()
  const actuals = ui.dialog(m.retro.actualsTitle)
  await actuals.or(ui.dialog(m.retro.savedTitle)).first().waitFor()
  if (await actuals.isVisible()) await actuals.getByRole('button', { name: m.retro.save, exact: true }).click()
  const saved = ui.dialog(m.retro.savedTitle)
  await saved.waitFor()
  await saved.getByRole('button').last().click()
  await saved.waitFor({ state: 'detached' })

  step('the owner compiles the report without waiting for the others')
  await ui.send(`/campaign report ${options.campaignName}`)
  // Its answer is the owner's alone: who answered, who not, and the button.
  const waiting = ui.message('Only visible to you').filter({ has: ui.page.getByRole('button', { name: m.retroReport.command.compileNow, exact: true }) })
  await waiting.getByRole('button', { name: m.retroReport.command.compileNow, exact: true }).click()
  const report = ui.message(m.retroReport.header(options.campaignName))
  await report.waitFor()
  await options.picture?.('report', report)

  step("the goals chart follows in the report's thread")
  await report.getByRole('button', { name: /^1 reply$/ }).click()
  const thread = ui.page.getByRole('complementary', { name: 'Thread' })
  await thread.getByRole('img').first().waitFor()
  await thread.getByRole('button', { name: 'Close thread' }).click()

  step("the campaign is closed: the owner's Home tab lists it no more")
  await ui.goTo('Home')
  await home.getByText(plainOf(m.home.noCampaigns)).waitFor()
}
