// The pages a person's browser shows at the end of an install (GET /slack/oauth_redirect): that it
// worked, or in plain words why not — in Chinese when the browser asks for it first, else English.
// Every piece of text is HTML-escaped where it is put in.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { installMessagesFor, localeFromAcceptLanguage, type InstallMessages } from '../../i18n/install.ts'

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

function page(m: InstallMessages, title: string, paragraphs: string[], link: { href: string; label: string } | null): string {
  return `<!doctype html>
<html lang="${m.page.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}a{color:#1264a3}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n')}
${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ''}
</body></html>
`
}

function send(response: ServerResponse, status: number, html: string): void {
  if (response.headersSent) return void response.end()
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
  response.end(html)
}

const messagesOf = (request: IncomingMessage) => installMessagesFor(localeFromAcceptLanguage(request.headers['accept-language']))

export function installedPage(request: IncomingMessage, response: ServerResponse, installed: { workspace: string; teamId: string | null; appId: string | null }): void {
  const m = messagesOf(request)
  const open = installed.teamId ? `https://app.slack.com/client/${encodeURIComponent(installed.teamId)}` : 'https://app.slack.com/'
  send(response, 200, page(m, m.installed.title, [m.installed.text(installed.workspace), m.installed.next], { href: open, label: m.installed.open }))
}

/** Why an install did not happen: a stale link, a cancel, or Slack (or the app) not completing it. Nothing was stored. */
export type InstallFailure = { kind: 'stale_link' } | { kind: 'cancelled' } | { kind: 'not_confirmed'; reason: string }

export function failedPage(request: IncomingMessage, response: ServerResponse, failure: InstallFailure, installPath: string): void {
  const m = messagesOf(request)
  const text = failure.kind === 'stale_link' ? m.failed.staleLink : failure.kind === 'cancelled' ? m.failed.cancelled : m.failed.notConfirmed(failure.reason)
  send(response, failure.kind === 'not_confirmed' ? 502 : 400, page(m, m.failed.title, [text], { href: installPath, label: m.failed.again }))
}
