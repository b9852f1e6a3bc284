// Whether `npm start` opens the sandbox: only when no Slack variable is set at all, so a person
// who set one of them (and forgot another) is told what is missing instead of meeting a sandbox.

export const slackVariables = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const

/** An empty value (or only spaces) counts as not set, as the README says. */
export function sandboxWanted(environment: Record<string, string | undefined>): boolean {
  return slackVariables.every((name) => (environment[name] ?? '').trim() === '')
}
