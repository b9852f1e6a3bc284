// What a person is told when Slack brings the app something no listener of this version handles:
// a modal, a button or a command from an older version of Campaign Desk.
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

export type RequestMessages = {
  olderModal: { title: string; close: string; text: string }
  olderButton: string
  /** `command` must already be escaped. */
  olderCommand: (command: Mrkdwn) => string
}

export const requestMessages = {
  en: {
    olderModal: {
      title: 'Form out of date',
      close: 'Close',
      text: 'This form is from an older version of Campaign Desk, so nothing was saved. Close it and open it again with `/campaign new` (or the button you used).',
    },
    olderButton: 'This button is from an older version of Campaign Desk and no longer does anything. See the campaign as it is now with `/campaign show &lt;name or id&gt;`, and use the buttons on the latest message.',
    olderCommand: (command) => `\`${command}\` is from an older version of Campaign Desk. Type \`/campaign help\` to see what you can do now.`,
  },
  'zh-CN': {
    olderModal: {
      title: '表单已过期',
      close: '关闭',
      text: '这个表单来自旧版本的 Campaign Desk，内容没有保存。请关闭它，再用 `/campaign new`（或你刚才点的按钮）重新打开。',
    },
    olderButton: '这个按钮来自旧版本的 Campaign Desk，已不再起作用。请用 `/campaign show &lt;名称或编号&gt;` 查看活动的最新状态，并使用最新消息上的按钮。',
    olderCommand: (command) => `\`${command}\` 来自旧版本的 Campaign Desk。输入 \`/campaign help\` 查看现在可用的命令。`,
  },
} satisfies Record<Locale, RequestMessages>

export function requestMessagesFor(locale: Locale): RequestMessages {
  return requestMessages[locale]
}
