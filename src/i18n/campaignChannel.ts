// A campaign's own channel (issue 17, part 1): its part of the proposal form, the link under the
// proposal card, what the owner is told when Slack refuses the channel or an invitation, and the
// offer to archive it once the campaign is closed.
import type { ChannelNameProblem } from '../domain/campaignChannel.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type CampaignChannelMessages = {
  campaignChannel: {
    form: {
      /** Plain text: the checkbox's label and its one option. */
      label: string
      create: string
      createHint: string
      nameLabel: string
      nameHint: string
      namePlaceholder: string
      privacyLabel: string
      public: string
      private: string
    }
    /** The error under the channel name in the form. */
    nameProblem: (problem: ChannelNameProblem | 'taken') => string
    /** In the thread of the proposal card: where the campaign went. */
    movedTo: (name: M, channel: M) => string
    /** DM to the owner: Slack did not create the channel. */
    notCreated: (name: M, origin: M, reason: string) => string
    /** DM to the owner, once per person: an invitation Slack refused. */
    inviteRefused: (person: M, channel: M, name: M, reason: string) => string
    inviteReason: (code: string) => string
    /** DM to the owner once the campaign is closed. */
    archiveOffer: (name: M, channel: M) => string
    archiveButton: string
    archived: (channel: M) => string
    archiveRefused: { notOwner: string; notClosed: string; noChannel: string }
    archiveFailed: (channel: M, reason: string) => string
    /** On the proposal card: the channel asked for (name null: made from the campaign's name), then the channel itself. */
    cardAsked: (name: M | null, isPrivate: boolean) => string
    cardCreated: (channel: M) => string
    /** The plan message left in the channel the campaign came from, once it moved to its own. */
    planMoved: (name: M, channel: M) => string
    /** Asking for a channel after approval, from the plan message. */
    later: {
      /** Plain text: the plan message's button, the modal's title, its submit button. */
      button: string
      title: string
      submit: string
      intro: string
      asked: (name: M) => string
      refused: { notOwner: string; alreadyAsked: string; closed: string; notFound: string }
    }
  }
}

function inviteReasonEn(code: string): string {
  switch (code) {
    case 'user_is_restricted': case 'user_is_ultra_restricted': return 'they are a guest, and guests can only be added by an admin'
    case 'user_not_found': case 'user_disabled': case 'account_inactive': return 'they are no longer in the workspace'
    case 'cant_invite': return 'Slack does not let the app invite them'
    default: return `Slack answered ${code}`
  }
}

function inviteReasonZh(code: string): string {
  switch (code) {
    case 'user_is_restricted': case 'user_is_ultra_restricted': return '对方是访客，只有管理员能把访客加入频道'
    case 'user_not_found': case 'user_disabled': case 'account_inactive': return '对方已不在工作区'
    case 'cant_invite': return 'Slack 不允许应用邀请对方'
    default: return `Slack 返回 ${code}`
  }
}

export const campaignChannelMessages: Record<Locale, CampaignChannelMessages> = {
  en: {
    campaignChannel: {
      form: {
        label: 'Campaign channel',
        create: 'Create a channel for this campaign',
        createHint: 'On approval the app creates it and invites the people named on the campaign; the plan, digests, prompts and report go there.',
        nameLabel: 'Channel name',
        nameHint: 'Lowercase letters, numbers, - and _, at most 80 characters. Leave it empty for a name made from the campaign\'s name.',
        namePlaceholder: 'e.g. double-11-tea-festival',
        privacyLabel: 'Who can see the channel',
        public: 'Public: anyone in the workspace',
        private: 'Private: only the people invited',
      },
      nameProblem: (problem) => {
        switch (problem) {
          case 'required': return 'Type a channel name, or leave the box empty.'
          case 'too_long': return 'A channel name has at most 80 characters.'
          case 'uppercase': return 'Slack channel names are lowercase: use small letters.'
          case 'spaces_or_periods': return 'No spaces or periods: use - or _ between words.'
          case 'invalid_characters': return 'Only lowercase letters, numbers, - and _ (a Chinese name can be written in pinyin).'
          case 'taken': return 'A channel with this name exists already: choose another name.'
        }
      },
      movedTo: (name, channel) => `:busts_in_silhouette: *${name}* has its own channel now: ${channel}. Its plan, digests, prompts and report go there.`,
      notCreated: (name, origin, reason) => `:warning: Slack did not create the channel for *${name}* (${reason}). Its posts stay in ${origin}.`,
      inviteRefused: (person, channel, name, reason) => `:warning: ${person} could not be invited to ${channel} (*${name}*): ${reason}. The app will not try again; add them yourself if they should be there.`,
      inviteReason: inviteReasonEn,
      archiveOffer: (name, channel) => `*${name}* is closed. Archive its channel ${channel}? Nothing is archived unless you press the button.`,
      archiveButton: 'Archive the channel',
      archived: (channel) => `:file_cabinet: ${channel} is archived.`,
      archiveRefused: {
        notOwner: 'Only the campaign\'s owner can archive its channel.',
        notClosed: 'The campaign is not closed yet: its channel stays open.',
        noChannel: 'This campaign has no channel of its own to archive.',
      },
      archiveFailed: (channel, reason) => `Slack did not archive ${channel}: ${reason}.`,
      cardAsked: (name, isPrivate) => `:busts_in_silhouette: Own channel asked for: ${name ? `#${name}` : 'named after the campaign'} (${isPrivate ? 'private' : 'public'}), created on approval.`,
      cardCreated: (channel) => `:busts_in_silhouette: Own channel: ${channel}`,
      planMoved: (name, channel) => `:busts_in_silhouette: The plan of *${name}* has moved to its own channel: ${channel}.`,
      later: {
        button: 'Create a channel',
        title: 'Campaign channel',
        submit: 'Create',
        intro: 'The app creates the channel, invites the people named on the campaign, and moves the plan message there; digests, prompts and the report follow.',
        asked: (name) => `The channel for *${name}* is being created; the plan message moves there.`,
        refused: {
          notOwner: 'Only the campaign\'s owner or a workspace admin can create its channel.',
          alreadyAsked: 'This campaign has its own channel already, or one is being created.',
          closed: 'The campaign\'s plan is over: no channel is created for it now.',
          notFound: 'This campaign no longer exists.',
        },
      },
    },
  },
  'zh-CN': {
    campaignChannel: {
      form: {
        label: '活动频道',
        create: '为这个活动创建频道',
        createHint: '批准后应用会创建频道，并邀请活动中被指定的人；计划、日报、提醒和报告都会发到那里。',
        nameLabel: '频道名称',
        nameHint: '小写字母、数字、- 和 _，最多 80 个字符。留空则按活动名称生成。',
        namePlaceholder: '例如 camp-2027-618',
        privacyLabel: '谁能看到频道',
        public: '公开：工作区所有人',
        private: '私密：仅受邀的人',
      },
      nameProblem: (problem) => {
        switch (problem) {
          case 'required': return '请输入频道名称，或留空。'
          case 'too_long': return '频道名称最多 80 个字符。'
          case 'uppercase': return 'Slack 频道名称只能用小写字母。'
          case 'spaces_or_periods': return '不能有空格或句点：词与词之间请用 - 或 _。'
          case 'invalid_characters': return '只能用小写字母、数字、- 和 _（中文名称可以写成拼音）。'
          case 'taken': return '已有同名频道，请换一个名称。'
        }
      },
      movedTo: (name, channel) => `:busts_in_silhouette: *${name}* 有了自己的频道：${channel}。计划、日报、提醒和报告都会发到那里。`,
      notCreated: (name, origin, reason) => `:warning: Slack 没有为 *${name}* 创建频道（${reason}）。相关消息仍发到 ${origin}。`,
      inviteRefused: (person, channel, name, reason) => `:warning: 无法邀请 ${person} 加入 ${channel}（*${name}*）：${reason}。应用不会再试；如需要，请手动添加。`,
      inviteReason: inviteReasonZh,
      archiveOffer: (name, channel) => `*${name}* 已结束。要归档它的频道 ${channel} 吗？不按按钮就不会归档。`,
      archiveButton: '归档频道',
      archived: (channel) => `:file_cabinet: ${channel} 已归档。`,
      archiveRefused: {
        notOwner: '只有活动负责人可以归档活动频道。',
        notClosed: '活动尚未结束，频道保持开放。',
        noChannel: '这个活动没有自己的频道可归档。',
      },
      archiveFailed: (channel, reason) => `Slack 没有归档 ${channel}：${reason}。`,
      cardAsked: (name, isPrivate) => `:busts_in_silhouette: 已申请活动频道：${name ? `#${name}` : '按活动名称命名'}（${isPrivate ? '私密' : '公开'}），批准后创建。`,
      cardCreated: (channel) => `:busts_in_silhouette: 活动频道：${channel}`,
      planMoved: (name, channel) => `:busts_in_silhouette: *${name}* 的计划已移到它自己的频道：${channel}。`,
      later: {
        button: '创建频道',
        title: '活动频道',
        submit: '创建',
        intro: '应用会创建频道、邀请活动中被指定的人，并把计划消息移到那里；日报、提醒和报告也会发到那里。',
        asked: (name) => `正在为 *${name}* 创建频道，计划消息会移到那里。`,
        refused: {
          notOwner: '只有活动负责人或工作区管理员可以创建活动频道。',
          alreadyAsked: '这个活动已有自己的频道，或正在创建。',
          closed: '活动计划已结束，现在不再为它创建频道。',
          notFound: '这个活动已不存在。',
        },
      },
    },
  },
}
