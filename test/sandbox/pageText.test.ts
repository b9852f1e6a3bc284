// What the sandbox's page is given to draw: Slack's mrkdwn read into a tree (slack-message-parser),
// emoji from Slack's shortcodes (node-emoji, plus Slack's own names), plain text unescaped as Slack
// shows it, and the manifest's command and shortcuts.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { plainShown, readMrkdwn, withMrkdwnTrees } from '../../src/sandbox/mrkdwn.ts'
import { readManifest } from '../../src/sandbox/manifest.ts'
import { sandboxWanted } from '../../src/sandbox/choice.ts'

describe('mrkdwn for the page', () => {
  it('reads bold, italic, strike, code, links, mentions, <!here> and quotes, and undoes the three escapes', () => {
    expect(readMrkdwn('*Plan* _now_ ~old~ `x < y` &lt;b&gt; &amp; <https://example.com|site> <@U01OLIVIA> <#C01CAMPAIGNS> <!here>\n> quoted')).toEqual([
      { t: 'b', c: ['Plan'] }, ' ', { t: 'i', c: ['now'] }, ' ', { t: 's', c: ['old'] }, ' ', { t: 'code', text: 'x < y' }, ' <b> & ',
      { t: 'link', url: 'https://example.com', c: ['site'] }, ' ', { t: 'user', id: 'U01OLIVIA' }, ' ', { t: 'channel', id: 'C01CAMPAIGNS' }, ' ',
      { t: 'special', name: 'here' }, '\n', { t: 'quote', c: [' quoted'] },
    ])
  })

  it('turns every shortcode the app writes into an emoji, Slack names included', () => {
    const catalogue = fs.readdirSync('src/i18n').map((file) => fs.readFileSync(`src/i18n/${file}`, 'utf8')).join('\n')
    const codes = [...new Set([...catalogue.matchAll(/:([a-z][a-z0-9_+-]*):/g)].map((match) => match[1]!))]
    expect(codes.length).toBeGreaterThan(10)
    const missing = codes.filter((code) => {
      const [node] = readMrkdwn(`:${code}:`)
      return typeof node !== 'object' || node.t !== 'emoji' || node.char === null
    })
    expect(missing).toEqual([])
    // A time is not an emoji.
    expect(readMrkdwn('at 09:30:00')).toEqual(['at 09', { t: 'emoji', name: '30', char: null }, '00'])
  })

  it('shows plain text as Slack does: escapes undone, shortcodes drawn unless emoji is false', () => {
    expect(plainShown('Content &amp; prizes :tada:', true)).toBe('Content & prizes 🎉')
    expect(plainShown('Content &amp; prizes :tada:', false)).toBe('Content & prizes :tada:')
    const view = withMrkdwnTrees({ title: { type: 'plain_text', text: 'A &lt;b&gt;' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*x*' } }] })
    expect(view.title).toEqual({ type: 'plain_text', text: 'A &lt;b&gt;', shown: 'A <b>' })
    expect(view.blocks[0]!.text).toEqual({ type: 'mrkdwn', text: '*x*', nodes: [{ t: 'b', c: ['x'] }] })
  })
})

describe('the manifest, as the page offers it', () => {
  it('has the /campaign command with its usage hint and the message shortcut', () => {
    const manifest = readManifest()
    expect(manifest.name).toBe('Campaign Desk')
    expect(manifest.commands.map((c) => c.command)).toEqual(['/campaign'])
    expect(manifest.commands[0]!.usageHint).toMatch(/^new \| list/)
    expect(manifest.messageShortcuts).toEqual([{ name: 'Add to campaign ideas', callbackId: 'add_to_campaign_ideas', description: "Add this message to the team's campaign ideas" }])
  })

  it('reads quoted values and skips comments', () => {
    const manifest = readManifest([
      'display_information:', '  name: "Desk"', 'features:', '  slash_commands:', '    # a comment', '    - command: /x', '      description: Does x', '      usage_hint: "a | b"',
      '  shortcuts:', '    - name: Global one', '      type: global', '      callback_id: g', '    - name: On a message', '      type: message', '      callback_id: m', '      description: d',
      'oauth_config:', '  scopes:', '    bot:', '      - commands',
    ].join('\n'))
    expect(manifest).toEqual({ name: 'Desk', commands: [{ command: '/x', description: 'Does x', usageHint: 'a | b' }], messageShortcuts: [{ name: 'On a message', callbackId: 'm', description: 'd' }] })
  })
})

describe('when npm start opens the sandbox', () => {
  it('only with no Slack variable set; an empty one counts as not set', () => {
    expect(sandboxWanted({})).toBe(true)
    expect(sandboxWanted({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '  ', DATABASE_URL: 'postgresql://x' })).toBe(true)
    expect(sandboxWanted({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBe(false)
    expect(sandboxWanted({ SLACK_SIGNING_SECRET: 'abc' })).toBe(false)
    expect(sandboxWanted({ SLACK_APP_TOKEN: 'xapp-1' })).toBe(false)
  })
})
