// The loader hook of moduleRecorder.mjs: one line per ES module (or CommonJS entry) loaded.
import fs from 'node:fs'

let file
export function initialize(data) {
  file = data.file
}

export async function load(url, context, nextLoad) {
  fs.appendFileSync(file, `${url}\n`)
  return nextLoad(url, context)
}
