// `/campaign settings api-keys`: a workspace admin makes, names and revokes the keys of the figures
// API (issue 17). Parameters typed Mrkdwn are escaped by the caller; plain strings go into
// plain_text objects.
import type { Locale } from './locale.ts'
import type { Mrkdwn } from './mrkdwn.ts'

export type ApiKeyMessages = {
  /** The API keys' section at the foot of the workspace settings, and its button. */
  settingsSection: string
  manage: string
  title: string
  create: string
  close: string
  done: string
  /** What the keys are for, and where the API is described. */
  intro: (docsPath: string) => string
  none: string
  /** One key in the list: its name and prefix (escaped), who made it and when, when last used. */
  key: (input: { name: Mrkdwn; prefix: Mrkdwn; creator: Mrkdwn; createdOn: string; lastUsedOn: string | null }) => string
  revoke: string
  revokeConfirm: { title: string; text: (name: Mrkdwn) => string; confirm: string; deny: string }
  nameLabel: string
  nameHint: string
  nameRequired: string
  nameTooLong: (max: number) => string
  tooMany: (max: number) => string
  notAdmin: string
  createdTitle: string
  /** The key, shown once: `secret` and `name` are escaped. */
  created: (name: Mrkdwn, secret: Mrkdwn) => string
  createdExample: (example: Mrkdwn) => string
}

export const apiKeyMessages: Record<Locale, ApiKeyMessages> = {
  en: {
    settingsSection: '*API keys* let a script or another system send figures (`POST /api/v1/metrics`).',
    manage: 'Manage API keys',
    title: 'API keys',
    create: 'Create key',
    close: 'Close',
    done: 'Done',
    intro: (docsPath) => `Scripts and other systems send figures to \`POST /api/v1/metrics\` with one of these keys; a key works for this whole workspace. The API is described at \`${docsPath}\`.`,
    none: 'No keys yet.',
    key: ({ name, prefix, creator, createdOn, lastUsedOn }) => `*${name}*  \`${prefix}…\`\nMade by ${creator} on ${createdOn} · ${lastUsedOn ? `last used ${lastUsedOn}` : 'never used'}`,
    revoke: 'Revoke',
    revokeConfirm: { title: 'Revoke this key?', text: (name) => `Calls with *${name}* will be refused from now on. This cannot be undone.`, confirm: 'Revoke', deny: 'Keep it' },
    nameLabel: 'Name of a new key',
    nameHint: 'Say what will use it, e.g. "Shop nightly sync".',
    nameRequired: 'Give the key a name.',
    nameTooLong: (max) => `A key's name has at most ${max} characters.`,
    tooMany: (max) => `This workspace has ${max} keys in use: revoke one before making another.`,
    notAdmin: 'Only a workspace admin can manage API keys.',
    createdTitle: 'Key made',
    created: (name, secret) => `*${name}* is ready. Copy it now: it is shown only this once, and cannot be read again.\n\`\`\`${secret}\`\`\``,
    createdExample: (example) => `Try it:\n\`\`\`${example}\`\`\``,
  },
  'zh-CN': {
    settingsSection: '*API 密钥*让脚本或其他系统提交数据（`POST /api/v1/metrics`）。',
    manage: '管理 API 密钥',
    title: 'API 密钥',
    create: '创建密钥',
    close: '关闭',
    done: '完成',
    intro: (docsPath) => `脚本和其他系统可以用这些密钥向 \`POST /api/v1/metrics\` 提交数据；一个密钥对整个工作区有效。API 说明见 \`${docsPath}\`。`,
    none: '还没有密钥。',
    key: ({ name, prefix, creator, createdOn, lastUsedOn }) => `*${name}*  \`${prefix}…\`\n由 ${creator} 于 ${createdOn} 创建 · ${lastUsedOn ? `最近使用 ${lastUsedOn}` : '从未使用'}`,
    revoke: '吊销',
    revokeConfirm: { title: '吊销这个密钥？', text: (name) => `此后使用 *${name}* 的请求都会被拒绝，且无法撤销。`, confirm: '吊销', deny: '保留' },
    nameLabel: '新密钥的名称',
    nameHint: '写明由什么使用，例如“商城每晚同步”。',
    nameRequired: '请给密钥起个名字。',
    nameTooLong: (max) => `密钥名称最多 ${max} 个字符。`,
    tooMany: (max) => `本工作区已有 ${max} 个在用的密钥：请先吊销一个再创建。`,
    notAdmin: '只有工作区管理员可以管理 API 密钥。',
    createdTitle: '密钥已创建',
    created: (name, secret) => `*${name}* 已可使用。请现在复制：它只显示这一次，之后无法再查看。\n\`\`\`${secret}\`\`\``,
    createdExample: (example) => `试一试：\n\`\`\`${example}\`\`\``,
  },
}

export function apiKeyMessagesFor(locale: Locale): ApiKeyMessages {
  return apiKeyMessages[locale]
}
