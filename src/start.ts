// `npm start`: with no Slack variable set (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN,
// in the environment or .env; empty counts as unset) the sandbox opens — the app with a local
// Slack in the browser; with any of them set, the app starts as configured (main.ts). The
// production start, `node dist/main.js`, runs main.ts itself and so never opens a sandbox.
import { readEnvironment } from './config.ts'
import { sandboxWanted } from './sandbox/choice.ts'

if (sandboxWanted(readEnvironment())) await import('./sandbox/main.ts')
else await import('./main.ts')
