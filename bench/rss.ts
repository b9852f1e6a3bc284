// Idle memory: start a program as its own process (node --import tsx …), wait until it says it
// listens, let it sit idle, then read VmRSS from /proc/<pid>/status. Stops it with SIGTERM.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createServer } from 'node:net'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function statusKiB(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`)
  return Number(match[1])
}

export type IdleMemory = { rssKiB: number; hwmKiB: number; startMs: number }

export async function idleMemory(opts: {
  cwd: string; entry: string; env: Record<string, string>; ready: RegExp; idleMs: number; label: string
}): Promise<IdleMemory> {
  const startedAt = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', opts.entry], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  try {
    const startMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${opts.label}: not listening after 60 s; output:\n${output}`)), 60_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8')
        if (opts.ready.test(output)) { clearTimeout(timer); resolve(performance.now() - startedAt) }
      }
      // The app says it listens on stderr (stdout is its JSON logs); the bare app on stdout.
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      void exited.then((code) => { clearTimeout(timer); reject(new Error(`${opts.label}: exited (${code}) before listening; output:\n${output}`)) })
    })
    await new Promise((resolve) => setTimeout(resolve, opts.idleMs))
    const pid = child.pid!
    return { rssKiB: statusKiB(pid, 'VmRSS'), hwmKiB: statusKiB(pid, 'VmHWM'), startMs }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
  }
}
