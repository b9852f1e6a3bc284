// The brainstorm (stage 1): the board of ideas, the idea modal and its shortcut, votes, the answers
// to `/campaign idea`, `/campaign ideas` and `/campaign brainstorm`, and a round's call and results.
import type { IdeaRefusal, IdeaTextError, BrainstormCommandError } from '../domain/brainstorm.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type IdeaMessages = {
  ideas: {
    board: {
      /** Plain text (a header). */
      title: string
      roundTitle: (topic: string) => string
      intro: string
      roundIntro: (starter: M, deadline: M) => string
      empty: string
      roundEmpty: string
      idea: (rank: number, text: M) => string
      byline: (parts: { author: M; votes: number; tag: M | null; source: string | null; campaign: M | null }) => string
      fromMessage: string
      upvote: (votes: number) => string
      makeProposal: string
      menu: { edit: string; withdraw: string; remove: string }
      more: (shown: number, total: number) => string
      replaced: string
      closed: (deadline: M, total: number) => string
      addIdea: string
      /** The message's top-level text (notifications, screen readers). */
      summary: (total: number) => string
      roundSummary: (topic: M, total: number) => string
    }
    results: {
      /** Plain text (a header). */
      title: (topic: string) => string
      summary: (total: number, contributors: number) => string
      none: string
      medal: (rank: number) => string
      footer: string
      text: (topic: M, total: number) => string
    }
    modal: {
      /** At most 24 characters each. */
      titleAdd: string
      titleEdit: string
      submitAdd: string
      submitEdit: string
      close: string
      text: { label: string; placeholder: string; hint: string }
      tag: { label: string; placeholder: string; hint: string }
      fromMessage: (author: M, channel: M) => string
      joinsRound: (topic: M, deadline: M) => string
      addedTitle: string
      closeAdded: string
      added: string
      addedToRound: (topic: M) => string
    }
    textError: (error: IdeaTextError) => string
    command: {
      usage: string
      added: string
      addedToRound: (topic: M) => string
      roundClosed: string
      notPostedHere: string
    }
    brainstorm: {
      usage: string
      error: (error: BrainstormCommandError) => string
      alreadyOpen: (topic: M, deadline: M) => string
    }
    refusal: Record<IdeaRefusal, string> & { alreadyProposed: (campaign: M) => string; gone: string; stale: string }
    done: { withdrawn: string; removed: (author: M) => string }
  }
}

const en: IdeaMessages = {
  ideas: {
    board: {
      title: 'Campaign ideas',
      roundTitle: (topic) => `Brainstorm: ${topic}`,
      intro: 'Most votes first. Add one with `/campaign idea &lt;text&gt; #timing_node` or the message shortcut *Add to campaign ideas*. One vote each: press Upvote again to take yours back.',
      roundIntro: (starter, deadline) => `${starter} calls for ideas until ${deadline}. Add yours with the button, with \`/campaign idea\` in this channel, or with the message shortcut *Add to campaign ideas* on a message here. The top three are posted when it closes.`,
      empty: 'No ideas yet. Add the first with `/campaign idea &lt;text&gt;`.',
      roundEmpty: 'No ideas yet: be the first.',
      idea: (rank, text) => `*${rank}.* ${text}`,
      byline: ({ author, votes, tag, source, campaign }) => [
        `by ${author}`,
        `${votes} vote${votes === 1 ? '' : 's'}`,
        ...(tag ? [`:calendar: ${tag}`] : []),
        ...(source ? [source] : []),
        ...(campaign ? [`proposed as ${campaign}`] : []),
      ].join(' · '),
      fromMessage: 'from a message',
      upvote: (votes) => `Upvote · ${votes}`,
      makeProposal: 'Make it a proposal',
      menu: { edit: 'Edit (author)', withdraw: 'Withdraw (author)', remove: 'Remove (admin)' },
      more: (shown, total) => `Showing the top ${shown} of ${total} ideas; ${total - shown} more are not shown.`,
      replaced: 'This board was replaced by a newer one in this channel: vote there.',
      closed: (deadline, total) => `This brainstorm closed ${deadline} with ${total} idea${total === 1 ? '' : 's'}. The results are posted below; every idea stays on the workspace's board (\`/campaign ideas\`).`,
      addIdea: 'Add an idea',
      summary: (total) => `Campaign ideas: ${total} idea${total === 1 ? '' : 's'}, most votes first.`,
      roundSummary: (topic, total) => `Brainstorm: ${topic} (${total} idea${total === 1 ? '' : 's'} so far).`,
    },
    results: {
      title: (topic) => `Brainstorm results: ${topic}`,
      summary: (total, contributors) => `${total} idea${total === 1 ? '' : 's'} from ${contributors} ${contributors === 1 ? 'person' : 'people'}. The top ${Math.min(3, total)}:`,
      none: 'The brainstorm closed without ideas.',
      medal: (rank) => [':first_place_medal:', ':second_place_medal:', ':third_place_medal:'][rank - 1] ?? `${rank}.`,
      footer: "Every idea stays on the workspace's board: `/campaign ideas`.",
      text: (topic, total) => `The brainstorm "${topic}" closed with ${total} idea${total === 1 ? '' : 's'}.`,
    },
    modal: {
      titleAdd: 'Add a campaign idea',
      titleEdit: 'Edit the idea',
      submitAdd: 'Add',
      submitEdit: 'Save',
      close: 'Cancel',
      text: { label: 'The idea', placeholder: 'What would the campaign be?', hint: 'At most 1000 characters. It becomes the theme if the idea is made a proposal.' },
      tag: { label: 'Timing node', placeholder: 'e.g. Double 11, Spring Festival, 618', hint: 'The holiday, sales peak or moment it is for, if any: it becomes the proposal’s timing note.' },
      fromMessage: (author, channel) => `From a message by ${author} in ${channel}; the board links to it.`,
      joinsRound: (topic, deadline) => `It joins the brainstorm *${topic}*, open here until ${deadline}.`,
      addedTitle: 'Idea added',
      closeAdded: 'Close',
      added: "Your idea is on the workspace's board. See it with `/campaign ideas`.",
      addedToRound: (topic) => `Your idea is on the workspace's board and in the brainstorm *${topic}*.`,
    },
    textError: (error) => ({
      required: 'Please write the idea.',
      too_long: 'Please keep the idea to 1000 characters.',
      tag_too_long: 'Please keep the timing node to 60 characters.',
    })[error],
    command: {
      usage: 'What is the idea? `/campaign idea &lt;text&gt; [#timing_node]`, e.g. `/campaign idea Tea tasting live stream #Double_11` (underscores read as spaces).',
      added: "Added your idea to the workspace's board. See it with `/campaign ideas`.",
      addedToRound: (topic) => `Added your idea to the workspace's board and to the brainstorm *${topic}* open in this channel.`,
      roundClosed: "That brainstorm has closed, so your idea went to the workspace's board only.",
      notPostedHere: 'I could not post the board in this channel. If it is private, invite me first (`/invite @Campaign Desk`), or run the command in another channel.',
    },
    brainstorm: {
      usage: 'What is the brainstorm about? `/campaign brainstorm &lt;topic&gt; [until &lt;YYYY-MM-DD&gt; [HH:MM]]`, e.g. `/campaign brainstorm Double 11 ideas until 2026-10-20`. Without a date it runs three days.',
      error: (error) => ({
        no_topic: 'What is the brainstorm about? `/campaign brainstorm &lt;topic&gt; [until &lt;YYYY-MM-DD&gt;]`',
        topic_too_long: 'Please keep the topic to 150 characters.',
        bad_deadline: 'I could not read the deadline: write it as `until 2026-10-20` or `until 2026-10-20 18:00` (your time).',
        deadline_past: 'That deadline has already passed: pick a later one.',
        deadline_too_far: 'A brainstorm runs at most 90 days: pick an earlier deadline.',
      })[error],
      alreadyOpen: (topic, deadline) => `A brainstorm is already open in this channel: *${topic}*, until ${deadline}. Add ideas to it, or start another one after it closes.`,
    },
    refusal: {
      not_the_author: 'Only the author of this idea can edit or withdraw it.',
      not_an_admin: 'Only a workspace admin can remove an idea.',
      not_open: 'This idea was withdrawn or removed: it is no longer on the board.',
      alreadyProposed: (campaign) => `This idea is already a proposal: ${campaign}.`,
      gone: 'That idea no longer exists.',
      stale: 'Someone changed this idea since you opened it. Close this and edit it again.',
    },
    done: {
      withdrawn: 'You withdrew your idea: it is off the board.',
      removed: (author) => `Removed the idea by ${author} from the board.`,
    },
  },
}

const zhCN: IdeaMessages = {
  ideas: {
    board: {
      title: '活动创意',
      roundTitle: (topic) => `头脑风暴：${topic}`,
      intro: '按票数排列。用 `/campaign idea &lt;创意&gt; #时间节点` 或消息快捷方式“添加到活动创意”添加创意。每人一票：再按一次“投票”即可收回。',
      roundIntro: (starter, deadline) => `${starter} 发起创意征集，截至 ${deadline}。用下方按钮、在本频道用 \`/campaign idea\`，或对本频道的消息使用快捷方式“添加到活动创意”参与。截止后会公布前三名。`,
      empty: '还没有创意。用 `/campaign idea &lt;创意&gt;` 添加第一个。',
      roundEmpty: '还没有创意，来提第一个吧。',
      idea: (rank, text) => `*${rank}.* ${text}`,
      byline: ({ author, votes, tag, source, campaign }) => [
        `提出人 ${author}`,
        `${votes} 票`,
        ...(tag ? [`:calendar: ${tag}`] : []),
        ...(source ? [source] : []),
        ...(campaign ? [`已成为提案 ${campaign}`] : []),
      ].join(' · '),
      fromMessage: '来自一条消息',
      upvote: (votes) => `投票 · ${votes}`,
      makeProposal: '转为提案',
      menu: { edit: '编辑（提出人）', withdraw: '撤回（提出人）', remove: '移除（管理员）' },
      more: (shown, total) => `显示票数最高的 ${shown} 个创意，共 ${total} 个；另有 ${total - shown} 个未显示。`,
      replaced: '本频道已发布新的创意看板，请在新看板上投票。',
      closed: (deadline, total) => `本次头脑风暴已于 ${deadline} 截止，共收到 ${total} 个创意。结果见下方；所有创意仍保留在工作区的创意看板上（\`/campaign ideas\`）。`,
      addIdea: '添加创意',
      summary: (total) => `活动创意：共 ${total} 个，按票数排列。`,
      roundSummary: (topic, total) => `头脑风暴：${topic}（目前 ${total} 个创意）。`,
    },
    results: {
      title: (topic) => `头脑风暴结果：${topic}`,
      summary: (total, contributors) => `${contributors} 人提出了 ${total} 个创意。前 ${Math.min(3, total)} 名：`,
      none: '本次头脑风暴截止时没有收到创意。',
      medal: (rank) => [':first_place_medal:', ':second_place_medal:', ':third_place_medal:'][rank - 1] ?? `${rank}.`,
      footer: '所有创意仍保留在工作区的创意看板上：`/campaign ideas`。',
      text: (topic, total) => `头脑风暴“${topic}”已截止，共 ${total} 个创意。`,
    },
    modal: {
      titleAdd: '添加活动创意',
      titleEdit: '编辑创意',
      submitAdd: '添加',
      submitEdit: '保存',
      close: '取消',
      text: { label: '创意', placeholder: '这会是一个怎样的活动？', hint: '最多 1000 个字符。转为提案时作为创意主题。' },
      tag: { label: '时间节点', placeholder: '例如：双十一、春节、618', hint: '创意针对的节日、销售旺季或时机（可不填），转为提案时作为时间节点说明。' },
      fromMessage: (author, channel) => `来自 ${author} 在 ${channel} 的消息，看板上会附上链接。`,
      joinsRound: (topic, deadline) => `将加入本频道正在进行的头脑风暴 *${topic}*（截至 ${deadline}）。`,
      addedTitle: '已添加创意',
      closeAdded: '关闭',
      added: '你的创意已加入工作区的创意看板。用 `/campaign ideas` 查看。',
      addedToRound: (topic) => `你的创意已加入工作区的创意看板和头脑风暴 *${topic}*。`,
    },
    textError: (error) => ({
      required: '请填写创意。',
      too_long: '创意请控制在 1000 个字符以内。',
      tag_too_long: '时间节点请控制在 60 个字符以内。',
    })[error],
    command: {
      usage: '你的创意是什么？`/campaign idea &lt;创意&gt; [#时间节点]`，例如 `/campaign idea 茶艺直播 #双十一`（下划线会显示为空格）。',
      added: '已把你的创意加入工作区的创意看板。用 `/campaign ideas` 查看。',
      addedToRound: (topic) => `已把你的创意加入工作区的创意看板，以及本频道正在进行的头脑风暴 *${topic}*。`,
      roundClosed: '该头脑风暴已截止，你的创意只加入了工作区的创意看板。',
      notPostedHere: '我无法在这个频道发布创意看板。如果是私有频道，请先邀请我（`/invite @Campaign Desk`），或在其他频道使用该命令。',
    },
    brainstorm: {
      usage: '头脑风暴的主题是什么？`/campaign brainstorm &lt;主题&gt; [until &lt;YYYY-MM-DD&gt; [HH:MM]]`，例如 `/campaign brainstorm 双十一创意 until 2026-10-20`（也可写“截至”）。不写日期则进行三天。',
      error: (error) => ({
        no_topic: '头脑风暴的主题是什么？`/campaign brainstorm &lt;主题&gt; [until &lt;YYYY-MM-DD&gt;]`',
        topic_too_long: '主题请控制在 150 个字符以内。',
        bad_deadline: '无法识别截止时间：请写成 `until 2026-10-20` 或 `until 2026-10-20 18:00`（你所在时区）。',
        deadline_past: '截止时间已过，请选择更晚的时间。',
        deadline_too_far: '头脑风暴最长进行 90 天，请选择更早的截止时间。',
      })[error],
      alreadyOpen: (topic, deadline) => `本频道已有正在进行的头脑风暴：*${topic}*，截至 ${deadline}。可以直接添加创意，或等它截止后再发起新的。`,
    },
    refusal: {
      not_the_author: '只有创意的提出人可以编辑或撤回它。',
      not_an_admin: '只有工作区管理员可以移除创意。',
      not_open: '这个创意已被撤回或移除，不在看板上了。',
      alreadyProposed: (campaign) => `这个创意已经转为提案：${campaign}。`,
      gone: '这个创意已不存在。',
      stale: '在你打开之后有人修改了这个创意。请关闭后重新编辑。',
    },
    done: {
      withdrawn: '你已撤回这个创意，它已从看板上移除。',
      removed: (author) => `已从看板上移除 ${author} 的创意。`,
    },
  },
}

export const ideaMessages: Record<Locale, IdeaMessages> = { en, 'zh-CN': zhCN }
