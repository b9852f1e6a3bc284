// The house rules of docs/architecture.md, read from the code's own imports: imports run downward
// only (nothing below the Slack layer imports from it; the domain knows neither Bolt nor Prisma),
// and no import circle exists in src/, type-only imports included.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const srcDir = path.resolve(import.meta.dirname, '../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full)
    return name.endsWith('.ts') ? [full] : []
  })
}

// `import … from '…'`, `export … from '…'` and `import('…')`, across line breaks.
const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(importPattern)].map((match) => match[1]!)
}

const files = sourceFiles(srcDir)
const relative = (file: string) => path.relative(srcDir, file)
const graph = new Map(files.map((file) => [file, importsOf(file)
  .filter((spec) => spec.startsWith('.'))
  .map((spec) => path.resolve(path.dirname(file), spec))
  .filter((target) => target !== file)]))

/** Strongly connected components of more than one file (Tarjan): each is an import circle. */
function circles(): string[][] {
  let index = 0
  const indices = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (file: string) => {
    indices.set(file, index)
    low.set(file, index)
    index += 1
    stack.push(file)
    onStack.add(file)
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue
      if (!indices.has(target)) {
        visit(target)
        low.set(file, Math.min(low.get(file)!, low.get(target)!))
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, indices.get(target)!))
      }
    }
    if (low.get(file) === indices.get(file)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(relative(member))
      } while (member !== file)
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const file of files) if (!indices.has(file)) visit(file)
  return found
}

describe('the house rules (docs/architecture.md)', () => {
  it('reads the whole source tree', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(graph.get(path.join(srcDir, 'slack/app.ts'))?.length).toBeGreaterThan(10)
  })

  it('has no import circle', () => {
    expect(circles()).toEqual([])
  })

  it('finds a circle when there is one (the check itself)', () => {
    const a = path.join(srcDir, 'domain/plan.ts')
    const b = path.join(srcDir, 'domain/tasks.ts')
    const saved = [graph.get(a)!, graph.get(b)!]
    graph.set(a, [...saved[0]!, b])
    graph.set(b, [...saved[1]!, a])
    try {
      expect(circles()).toContainEqual(['domain/plan.ts', 'domain/tasks.ts'])
    } finally {
      graph.set(a, saved[0]!)
      graph.set(b, saved[1]!)
    }
  })

  it('imports nothing from the Slack layer below it', () => {
    const below = ['domain', 'store', 'i18n', 'jobs', 'charts', 'export', 'telemetry', 'api']
    const upward = files
      .filter((file) => below.includes(relative(file).split(path.sep)[0]!))
      .flatMap((file) => graph.get(file)!.filter((target) => relative(target).startsWith(`slack${path.sep}`)).map((target) => `${relative(file)} -> ${relative(target)}`))
    expect(upward).toEqual([])
  })

  it('keeps the domain pure: no Bolt, no Slack SDK, no Prisma, no database driver', () => {
    const forbidden = /^(@slack\/|@prisma\/|better-sqlite3$|pg$|node-cron$)|generated\//
    const impure = files
      .filter((file) => relative(file).startsWith(`domain${path.sep}`))
      .flatMap((file) => importsOf(file).filter((spec) => forbidden.test(spec)).map((spec) => `${relative(file)} imports ${spec}`))
    expect(impure).toEqual([])
  })

  it('lets stage folders of the Slack layer import only stages before them and shared/', () => {
    const slackDir = path.join(srcDir, 'slack')
    const folderOf = (file: string) => {
      const parts = path.relative(slackDir, file).split(path.sep)
      return parts.length > 1 ? parts[0]! : null
    }
    const pairs = new Set<string>()
    for (const [file, targets] of graph) {
      if (!file.startsWith(slackDir + path.sep)) continue
      const from = folderOf(file)
      for (const target of targets) {
        const to = target.startsWith(slackDir + path.sep) ? folderOf(target) : null
        if (from && to && from !== to) pairs.add(`${from} -> ${to}`)
      }
    }
    const both = [...pairs].filter((pair) => pairs.has(pair.split(' -> ').reverse().join(' -> ')))
    expect(both).toEqual([])
    expect([...pairs].filter((pair) => pair.startsWith('shared -> '))).toEqual([])
  })
})
