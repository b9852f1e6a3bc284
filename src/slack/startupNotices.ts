// The lines a person reads on stderr while the app starts (main.ts prints them, each after
// "Campaign Desk: "): which mode it runs in and what that asks of them, whether the manifest in
// the start directory says otherwise, and that it is ready.
import type { Config } from '../config.ts'
import { slackEventsPath as eventsPath } from './app.ts'

/** The first line: Socket Mode or HTTP mode, why, and the next step. */
export function modeLine(config: Config): string {
  if (config.oauth) {
    return `HTTP mode for many workspaces (SLACK_CLIENT_ID is set): Slack must reach https://<your host>${eventsPath}, forwarded to port ${config.port}; `
      + 'workspaces install the app at https://<your host>/slack/install, and your Slack app\'s Redirect URL is https://<your host>/slack/oauth_redirect'
  }
  if (config.slack.appToken) return 'Socket Mode (SLACK_APP_TOKEN is set): no public URL needed; connecting to Slack…'
  return `HTTP mode (SLACK_APP_TOKEN is not set): Slack must reach https://<your host>${eventsPath}, forwarded to port ${config.port} — `
    + 'give that URL to the slash command, interactivity and event subscriptions of your Slack app'
}

/** The last line of a start: the app takes requests now. */
export function readyLine(mode: { port: number } | 'socket'): string {
  if (mode === 'socket') return 'ready: connected to Slack in Socket Mode — in Slack, try /campaign help'
  return `ready: listening on port ${mode.port} at ${eventsPath} (HTTP mode) — in Slack, try /campaign help`
}

/**
 * `settings.socket_mode_enabled` of a Slack app manifest (YAML), or undefined when the text does
 * not say. Only the key's own line is read — the file's comments mention it too.
 */
export function manifestSocketMode(manifest: string): boolean | undefined {
  const setting = /^[ \t]*socket_mode_enabled:[ \t]*(true|false)[ \t]*(#.*)?$/m.exec(manifest)
  return setting ? setting[1] === 'true' : undefined
}

/** A warning when manifest.yml and the environment choose different modes; undefined when they agree or the manifest does not say. */
export function manifestDisagreement(manifest: string | undefined, config: Config): string | undefined {
  const manifestSaysSocket = manifest === undefined ? undefined : manifestSocketMode(manifest)
  if (manifestSaysSocket === undefined || manifestSaysSocket === Boolean(config.slack.appToken)) return undefined
  if (manifestSaysSocket) {
    return 'manifest.yml here has socket_mode_enabled: true, but SLACK_APP_TOKEN is not set, so this is HTTP mode — '
      + 'a Slack app made from that manifest sends nothing over HTTP: set SLACK_APP_TOKEN for Socket Mode, '
      + `or turn Socket Mode off in the app and give it the ${eventsPath} URLs`
  }
  return 'manifest.yml here has socket_mode_enabled: false, but SLACK_APP_TOKEN is set, so this is Socket Mode — '
    + 'turn Socket Mode on in your Slack app (Settings → Socket Mode), or leave SLACK_APP_TOKEN out for HTTP mode'
}
