// `npm start` as a process: with no Slack variable set (empty counts as unset) it opens the
// sandbox and says where in one line on stderr; with one set it is the app's usual start; and the
// production entry (src/main.ts, built to dist/main.js) never opens a sandbox.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-start-'))
const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }))

/** `node --import tsx <entry>` in a fresh directory with exactly these variables (npm start runs src/start.ts). */
function run(entry: 'src/start.ts' | 'src/main.ts', vars: Record<string, string>) {
  const cwd = fs.mkdtempSync(path.join(workDir, 'cwd-'))
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(repo, entry)], {
    cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), TSX_TSCONFIG_PATH: path.join(repo, 'tsconfig.json'), ...vars },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  child.stdout!.resume()
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const line = async (pattern: RegExp, ms = 60_000): Promise<RegExpMatchArray> => {
    for (const deadline = Date.now() + ms; ;) {
      const match = pattern.exec(stderr)
      if (match) return match
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before printing ${pattern}:\n${stderr}`)
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${ms} ms:\n${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return { child, cwd, exited, line, stderr: () => stderr }
}

describe('npm start', () => {
  it('with no Slack variable set (empty ones count as unset) opens the sandbox, says where in one line, and stops on SIGTERM', async () => {
    const started = run('src/start.ts', { PORT: '0', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: ' ' })
    const [, url] = await started.line(/^Campaign Desk sandbox: open (http:\/\/localhost:\d+) .*\n/m)
    const lines = started.stderr().split('\n').filter((l) => l.trim() !== '')
    expect(lines).toHaveLength(1)
    const page = await fetch(url!.replace('localhost', '127.0.0.1'))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Campaign Desk sandbox')
    // Its own SQLite file, under data/ where it was started.
    expect(fs.existsSync(path.join(started.cwd, 'data', 'sandbox.db'))).toBe(true)
    started.child.kill('SIGTERM')
    expect(await started.exited).toBe(0)
  }, 90_000)

  it('with any Slack variable set is the usual start: the missing one is named, no sandbox', async () => {
    const started = run('src/start.ts', { SLACK_SIGNING_SECRET: '0123456789abcdef' })
    expect(await started.exited).toBe(1)
    expect(started.stderr()).toMatch(/^Campaign Desk cannot start: SLACK_BOT_TOKEN/m)
    expect(started.stderr()).not.toContain('sandbox')
  }, 60_000)

  it('the production entry (node dist/main.js runs main.ts built) never opens a sandbox, even with no Slack variable set', async () => {
    const started = run('src/main.ts', {})
    expect(await started.exited).toBe(1)
    expect(started.stderr()).toMatch(/^Campaign Desk cannot start: SLACK_BOT_TOKEN/m)
    expect(started.stderr()).not.toContain('sandbox')
    expect(fs.existsSync(path.join(started.cwd, 'data', 'sandbox.db'))).toBe(false)
  }, 60_000)
})
