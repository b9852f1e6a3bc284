// The report's messages stay inside Slack's limits however much people wrote: 12 people × 8 stages
// of 1000-character answers in both languages split into parts of at most 50 blocks and about 11k
// characters, every part accepted by the fake Slack's Block Kit checks, nothing said lost or repeated.
import { describe, expect, it } from 'vitest'
import { compileRetro } from '../../src/domain/retroReport.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { reportLimits, reportMessages } from '../../src/slack/retroReport/message.ts'
import { syntheticRetro } from '../support/retroReportFixtures.ts'
import { checkMessage } from '../support/blockKitLimits.ts'

describe('the report split for Slack', () => {
  const data = syntheticRetro()
  // Each answer at the form's limit, with mrkdwn's control characters to be escaped: a lesson of
  // nothing but `&` is 5000 characters escaped, longer than a section, so it is cut into pieces.
  const full = (who: string, what: string) => `${who}/${what}: ${'<b>&'.repeat(240)}`.padEnd(1000, '·').slice(0, 1000)
  const ampersands = (who: string) => `${who}: ${'&'.repeat(995)}`
  const huge = { ...data, retros: data.retros.map((r) => ({ ...r, biggestLesson: ampersands(r.respondentId), entries: r.entries.map((e) => ({ ...e, worked: full(r.respondentId, `${e.stage}+`), failed: full(r.respondentId, `${e.stage}-`) })) })) }

  it.each(['en', 'zh-CN'] as const)('in %s: parts within the limits, each said once', (locale) => {
    const messages = reportMessages(compileRetro(huge), messagesFor(locale), { compiledOn: '2026-12-04', reason: 'deadline', compiledBy: null, chartInThread: true })
    expect(messages.length).toBeGreaterThan(5)
    for (const message of messages) {
      expect(checkMessage(message)).toBeNull()
      expect(message.blocks.length).toBeLessThanOrEqual(reportLimits.blocksPerMessage)
      expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(reportLimits.charsPerMessage + 500)
    }
    const everything = messages.map((message) => JSON.stringify(message.blocks)).join('')
    for (const retro of huge.retros) {
      for (const entry of retro.entries) {
        // Escaped once, present once (a long line may be cut into pieces: look for its start).
        const start = `${retro.respondentId}/${entry.stage}+: &lt;b&gt;&amp;`
        expect(everything.split(start)).toHaveLength(2)
      }
    }
    expect(everything).not.toContain('<b>')
    // No escape cut in half where a long line was split.
    const texts = messages.flatMap((message) => message.blocks.map((block) => JSON.stringify(block)))
    for (const text of texts) expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/)
    // Every `&` people typed is there, escaped once, none lost at a cut (plus the catalogue's "Prizes & gifts").
    const typed = huge.retros.flatMap((r) => [r.biggestLesson, ...r.entries.flatMap((e) => [e.worked, e.failed])]).join('').split('&').length - 1
    expect(everything.split('&amp;').length - 1).toBe(typed + (locale === 'en' ? 1 : 0))
  })
})
