// The one way text reaches Slack's mrkdwn. Slack reads `&`, `<` and `>` as control characters,
// so user text is escaped (and nothing else is changed): a campaign named `<!channel>` pings no one.
// The brand makes the compiler refuse unescaped text where mrkdwn is expected.

export type Mrkdwn = string & { readonly __mrkdwn: unique symbol }

export function escapeMrkdwn(userText: string): Mrkdwn {
  return userText.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') as Mrkdwn
}

/** Text the app wrote itself (catalogue strings, formatting around escaped parts). */
export function trusted(appText: string): Mrkdwn {
  return appText as Mrkdwn
}

const slackIdPattern = /^[A-Z0-9]+$/

export function mentionUser(userId: string): Mrkdwn {
  return (slackIdPattern.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId)) as Mrkdwn
}

export function mentionChannel(channelId: string): Mrkdwn {
  return (slackIdPattern.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId)) as Mrkdwn
}
