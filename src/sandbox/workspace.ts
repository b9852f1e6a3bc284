// The sandbox's workspace: a few people with the roles a campaign needs, in zones far enough apart
// that the live stage shows its local times (a digest at 09:30 in the owner's zone, a metric prompt
// at 17:00 in the data owner's), and two channels. Slack ids, so the app sees what Slack would send.
import type { LocalSlack } from './localSlack.ts'

export type SandboxPerson = {
  id: string
  /** Slack's handle (@name) and full name. */
  name: string
  realName: string
  /** What the person does in the sandbox's story, shown beside the name on the page. */
  role: string
  locale: string
  tz: string
  isAdmin?: boolean
}

export const sandboxTeam = { id: 'T0SANDBOX', name: 'Acme' } as const

export const sandboxPeople: readonly SandboxPerson[] = [
  { id: 'U01OLIVIA', name: 'olivia', realName: 'Olivia Bennett', role: 'campaign owner', locale: 'en-US', tz: 'Europe/London' },
  { id: 'U02ADA', name: 'ada', realName: 'Ada Okafor', role: 'approver', locale: 'en-US', tz: 'America/New_York' },
  { id: 'U03SAM', name: 'sam', realName: 'Sam Rivera', role: 'data owner', locale: 'en-US', tz: 'America/Los_Angeles' },
  { id: 'U04MAYA', name: 'maya', realName: 'Maya Lindqvist', role: 'designer', locale: 'en-GB', tz: 'Europe/Berlin' },
  { id: 'U05WEI', name: 'liwei', realName: '李伟 Li Wei', role: 'campaign owner, speaks Chinese', locale: 'zh-CN', tz: 'Asia/Shanghai' },
  { id: 'U06GRACE', name: 'grace', realName: 'Grace Ito', role: 'workspace admin', locale: 'en-US', tz: 'Asia/Tokyo', isAdmin: true },
]

/** The person the page acts as at first: the campaign owner. */
export const firstPerson = sandboxPeople[0]!

export const sandboxChannels = [
  // The app is in #campaigns already; in #marketing it joins when a campaign is posted there.
  { id: 'C01CAMPAIGNS', name: 'campaigns', withApp: true },
  { id: 'C02MARKETING', name: 'marketing', withApp: false },
] as const

/** Puts the people and channels into a fresh local Slack. */
export function seedWorkspace(slack: LocalSlack): void {
  for (const person of sandboxPeople) {
    slack.addUser({ id: person.id, name: person.name, realName: person.realName, locale: person.locale, tz: person.tz, isAdmin: person.isAdmin ?? false })
  }
  const everyone = sandboxPeople.map((person) => person.id)
  for (const channel of sandboxChannels) {
    slack.addChannel({ id: channel.id, name: channel.name, members: channel.withApp ? [...everyone, slack.botUserId] : everyone })
  }
}

/** A person's DM with the app, as the local Slack names it (conversations.open). */
export function appDmOf(userId: string): string {
  return `D${userId}`
}
