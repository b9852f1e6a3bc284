// Counts the SQL statements the app sends, at the driver (better-sqlite3 or pg), whatever sends
// them: Prisma and the store's direct statements alike. The app runs in the test's process (the
// harness), on the same driver modules, so patching their prototypes sees every statement.
import Database from 'better-sqlite3'
import pg from 'pg'
import type { TestProvider } from './databases.ts'

export type StatementCounter = {
  /** Statements sent since counting began (BEGIN and COMMIT count). */
  readonly count: number
  /** Their SQL, in order, for a failure message. */
  readonly sql: readonly string[]
  stop(): void
}

type Methods = Record<string, (...args: unknown[]) => unknown>

export function countStatements(provider: TestProvider): StatementCounter {
  const sql: string[] = []
  const restore: Array<() => void> = []
  const wrap = (proto: Methods, method: string, text: (self: unknown, args: unknown[]) => string) => {
    const original = proto[method]!
    proto[method] = function (this: unknown, ...args: unknown[]) {
      sql.push(text(this, args).replace(/\s+/g, ' ').slice(0, 160))
      return original.apply(this, args)
    }
    restore.push(() => { proto[method] = original })
  }
  if (provider === 'sqlite') {
    const scratch = new Database(':memory:')
    const statement = Object.getPrototypeOf(scratch.prepare('SELECT 1')) as Methods
    const database = Object.getPrototypeOf(scratch) as Methods
    scratch.close()
    for (const method of ['run', 'get', 'all', 'iterate']) wrap(statement, method, (self) => (self as { source: string }).source)
    wrap(database, 'exec', (_, args) => String(args[0]))
  } else {
    wrap(pg.Client.prototype as unknown as Methods, 'query', (_, args) => {
      const query = args[0]
      return typeof query === 'string' ? query : String((query as { text?: string }).text ?? '')
    })
  }
  return {
    get count() { return sql.length },
    sql,
    stop: () => { for (const undo of restore.reverse()) undo() },
  }
}
