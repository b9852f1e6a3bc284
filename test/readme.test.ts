// The README is what a newcomer meets first: what the app is, a picture, the two commands and the
// next step, before line 40; one count of the method's stages; the HTTP-mode steps complete; and
// every link (to docs/, to a heading) leads somewhere.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.join(import.meta.dirname, '..')
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
const lines = readme.split('\n')

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')
}

function anchorsIn(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '')
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)))
}

/** The text of a section, from its heading to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const start = markdown.search(new RegExp(`^(#{1,6}) ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'))
  expect(start, `no heading "${heading}"`).toBeGreaterThanOrEqual(0)
  const level = /^#+/.exec(markdown.slice(start))![0].length
  const rest = markdown.slice(markdown.indexOf('\n', start) + 1)
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'))
  return end < 0 ? rest : rest.slice(0, end)
}

describe('README', () => {
  it('puts the Quick start within the first 40 lines: what the app is, the sandbox picture, the two commands, then connecting to Slack', () => {
    const firstForty = lines.slice(0, 40).join('\n')
    const picture = firstForty.indexOf('](docs/sandbox.png)')
    const quickStart = firstForty.search(/^## Quick start$/m)
    const commands = firstForty.search(/^npm install && npm start +# opens the sandbox at http:\/\/localhost:3000/m)
    const tests = firstForty.search(/^npm test +#/m)
    const next = firstForty.search(/\*\*Next: \[connect it to your Slack workspace\]\(#connect-it-to-your-slack-workspace\)\*\*/)
    for (const [what, at] of Object.entries({ picture, quickStart, commands, tests, next })) expect(at, what).toBeGreaterThan(0)
    expect(picture).toBeLessThan(commands)
    expect(commands).toBeLessThan(tests)
    expect(tests).toBeLessThan(next)
    // What the app is: the few lines between the title and the picture.
    const intro = lines.slice(1, lines.findIndex((line) => line.includes('](docs/sandbox.png)'))).filter((line) => line.trim() !== '')
    expect(intro.length).toBeLessThanOrEqual(3)
  })

  it("counts the method's four stages, with proposal and approval inside the first", () => {
    const method = fs.readFileSync(path.join(root, 'docs', 'method.md'), 'utf8')
    expect(method).toContain('## The four stages')
    const stageHeadings = [...readme.matchAll(/^### Stage (\d) — (.+)$/gm)].map((m) => [Number(m[1]), m[2]])
    expect(stageHeadings.map(([n]) => n)).toEqual([1, 2, 3, 4])
    expect(section(readme, 'Stage 1 — the idea')).toMatch(/Proposal and approval/)
    // No other count: no "stage 5", no five-step chain, no "(stage 2)" next to a different grouping.
    expect(readme).not.toMatch(/stage 5|five stages|proposal → approval → plan/i)
  })

  it('names all three request URLs of HTTP mode, and the message shortcut', () => {
    const http = section(readme, 'HTTP mode')
    expect(http).toMatch(/socket_mode_enabled: false/)
    expect(http).toMatch(/slash command/)
    expect(http).toMatch(/settings\.interactivity/)
    expect(http).toMatch(/settings\.event_subscriptions/)
    expect(http).toMatch(/Home tab never\s+arrives/)
    expect(http).toMatch(/Add to campaign ideas/)
    expect(http).toContain('https://<your host>/slack/events')
  })

  it('says the EBADENGINE warning of npm install is harmless', () => {
    expect(readme).toMatch(/EBADENGINE[\s\S]{0,400}harmless/)
  })

  it('links only to files and headings that exist', () => {
    const files = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/^```[\s\S]*?^```/gm, '')
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue // http(s), mailto
        const [linked, anchor] = target!.split('#') as [string, string | undefined]
        const linkedFile = linked === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), linked))
        expect(fs.existsSync(path.join(root, linkedFile)), `${file} links to ${target}, which does not exist`).toBe(true)
        if (anchor && linkedFile.endsWith('.md')) {
          expect(anchorsIn(fs.readFileSync(path.join(root, linkedFile), 'utf8')), `${file} links to ${target}: no such heading`).toContain(anchor)
        }
      }
    }
  })

  it('moved the maintainer material to docs/, linked from the README', () => {
    for (const [doc, heading] of [
      ['docs/deploy.md', 'The production start'],
      ['docs/data-model.md', 'Changing the data model'],
      ['docs/delivery.md', 'The live stage\'s delivery rules'],
      ['docs/internals.md', 'Project layout'],
    ] as const) {
      expect(readme, doc).toContain(`](${doc})`)
      expect(fs.readFileSync(path.join(root, doc), 'utf8'), doc).toMatch(new RegExp(`^## ${heading}$`, 'm'))
      expect(readme, `${heading} is in ${doc} now`).not.toMatch(new RegExp(`^#+ ${heading}$`, 'm'))
    }
  })
})
