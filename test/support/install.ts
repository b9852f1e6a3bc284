// Installing the app in a workspace as a person's browser does it, against the fake Slack:
// GET /slack/install (the "Add to Slack" page and its state cookie) → Slack's authorize page (the
// fake approves for the chosen workspace and redirects with a code) → GET /slack/oauth_redirect.
import { expect } from 'vitest'
import type { Rig } from './harness.ts'

export type InstallPage = { status: number; html: string; authorizeUrl: URL; cookie: string }

/** The app's address (no path), e.g. http://127.0.0.1:PORT. */
export const appBase = (rig: Pick<Rig, 'app'>) => new URL(rig.app.url!).origin

/** GET /slack/install: the page, the authorize link on it, and the state cookie it set. */
export async function openInstallPage(rig: Pick<Rig, 'app'>): Promise<InstallPage> {
  const response = await fetch(`${appBase(rig)}/slack/install`)
  const html = await response.text()
  const href = /<a href="([^"]+)"/.exec(html)?.[1]
  expect(href, 'the install page links to Slack').toBeDefined()
  const setCookie = response.headers.get('set-cookie') ?? ''
  return { status: response.status, html, authorizeUrl: new URL(href!.replace(/&amp;/g, '&')), cookie: setCookie.split(';')[0]! }
}

/** Slack's authorize page for `teamId` (Allow, or Cancel): where it sends the browser back. */
export async function authorizeAt(page: InstallPage, who: { teamId: string; userId?: string; cancel?: boolean }): Promise<URL> {
  const url = new URL(page.authorizeUrl)
  url.searchParams.set('team', who.teamId)
  url.searchParams.set('user', who.userId ?? 'U1')
  if (who.cancel) url.searchParams.set('cancel', '1')
  const response = await fetch(url, { redirect: 'manual' })
  expect(response.status).toBe(302)
  return new URL(response.headers.get('location')!)
}

/** GET /slack/oauth_redirect as the browser that holds `cookie`. */
export async function finishInstall(redirect: URL, cookie: string | null): Promise<{ status: number; html: string }> {
  const response = await fetch(redirect, { headers: cookie ? { cookie } : {} })
  return { status: response.status, html: await response.text() }
}

/** A whole install for a workspace (which the fake Slack learns of here); returns the final page. */
export async function installWorkspace(rig: Pick<Rig, 'app' | 'slack'>, who: { teamId: string; teamName?: string; userId?: string }): Promise<{ status: number; html: string }> {
  if (who.teamId !== rig.slack.teamId && !rig.slack.workspaces.has(who.teamId)) rig.slack.addWorkspace({ teamId: who.teamId, teamName: who.teamName ?? who.teamId })
  const page = await openInstallPage(rig)
  const redirect = await authorizeAt(page, who)
  return finishInstall(redirect, page.cookie)
}

/** Two people and a channel of their own in the workspace `teamId` ('T2' → U201, U202, C201). */
export function castWorkspace(rig: Pick<Rig, 'slack'>, teamId: string): { owner: string; approver: string; channel: string } {
  const n = teamId.slice(1)
  const owner = `U${n}01`
  const approver = `U${n}02`
  const channel = `C${n}01`
  rig.slack.addUser({ id: owner, teamId, name: `${teamId.toLowerCase()}-olivia` })
  rig.slack.addUser({ id: approver, teamId, name: `${teamId.toLowerCase()}-ada` })
  rig.slack.addChannel({ id: channel, name: `campaigns-${teamId.toLowerCase()}`, teamId, members: [owner, approver, rig.slack.botUserId] })
  return { owner, approver, channel }
}
