// Loaded with `node --import` before an app under test: records which modules the process loads,
// so a test can say what an idle process holds. ES modules are recorded by a loader hook as they
// load (the hook runs in a thread of its own and appends to MODULE_RECORD.esm); CommonJS modules
// are listed from require.cache into MODULE_RECORD.cjs when SIGUSR2 arrives, then
// MODULE_RECORD.done is written.
import fs from 'node:fs'
import { createRequire, register } from 'node:module'

const file = process.env.MODULE_RECORD
if (!file) throw new Error('moduleRecorder.mjs: set MODULE_RECORD to the file to write')
register(new URL('./moduleRecorderHooks.mjs', import.meta.url), { data: { file: `${file}.esm` } })
process.on('SIGUSR2', () => {
  fs.writeFileSync(`${file}.cjs`, Object.keys(createRequire(import.meta.url).cache).join('\n'))
  fs.writeFileSync(`${file}.done`, '')
})
