// The brainstorm's rules at chosen instants: what the scheduler closes, how a press of Upvote
// counts, who may change an idea, and how the commands are read.
import { describe, expect, it } from 'vitest'
import {
  boardOrder, checkIdea, dueRoundClosings, readableMessageText, readBrainstormCommand, readIdeaCommand, refusalToChangeIdea,
  refusalToPropose, timingTag, votePress, zonedInstant,
} from '../../src/domain/brainstorm.ts'

const at = (iso: string) => new Date(iso)

describe('dueRoundClosings', () => {
  const round = (id: number, deadline: string, closedAt: string | null = null) => ({ id, deadline: at(deadline), closedAt: closedAt ? at(closedAt) : null })

  it('closes the open rounds whose deadline has come, earliest first, and nothing else', () => {
    const rounds = [
      round(1, '2026-12-05T16:00:00Z'),
      round(2, '2026-12-03T16:00:00Z'),
      round(3, '2026-12-04T16:00:00Z', '2026-12-04T16:00:30Z'), // closed already
      round(4, '2026-12-05T16:00:00.001Z'), // a millisecond to go
    ]
    expect(dueRoundClosings(rounds, at('2026-12-05T16:00:00Z'))).toEqual([2, 1])
    expect(dueRoundClosings(rounds, at('2026-12-03T15:59:59.999Z'))).toEqual([])
    expect(dueRoundClosings(rounds, at('2027-01-01T00:00:00Z'))).toEqual([2, 1, 4])
  })

  it('is the same answer whenever it is asked again at the same instant (the store marks what it closed)', () => {
    const rounds = [round(7, '2026-12-03T16:00:00Z')]
    const now = at('2026-12-03T16:01:00Z')
    expect(dueRoundClosings(rounds, now)).toEqual(dueRoundClosings(rounds, now))
    expect(dueRoundClosings([round(7, '2026-12-03T16:00:00Z', '2026-12-03T16:01:00Z')], now)).toEqual([])
  })
})

describe('a press of Upvote', () => {
  it('votes, takes the vote back from a later state of the board, and ignores the same press twice', () => {
    expect(votePress(null, '3:r0')).toBe('vote')
    expect(votePress({ active: true, lastPress: '3:r0' }, '3:r0')).toBe('repeat')
    expect(votePress({ active: true, lastPress: '3:r0' }, '3:r1')).toBe('unvote')
    expect(votePress({ active: false, lastPress: '3:r1' }, '3:r1')).toBe('repeat')
    expect(votePress({ active: false, lastPress: '3:r1' }, '3:r4')).toBe('vote')
    // The same revision of another board is another press.
    expect(votePress({ active: true, lastPress: '3:r0' }, '4:r0')).toBe('unvote')
  })

  it('orders a board by votes, then the earliest idea', () => {
    const ideas = [
      { id: 1, voteCount: 2, createdAt: at('2026-12-01T03:00:00Z') },
      { id: 2, voteCount: 5, createdAt: at('2026-12-01T04:00:00Z') },
      { id: 3, voteCount: 2, createdAt: at('2026-12-01T02:00:00Z') },
    ]
    expect([...ideas].sort(boardOrder).map((i) => i.id)).toEqual([2, 3, 1])
  })
})

describe('who may change an idea', () => {
  const idea = { authorId: 'U1', status: 'open' as const }
  const author = { userId: 'U1', isWorkspaceAdmin: false }
  const other = { userId: 'U3', isWorkspaceAdmin: false }
  const admin = { userId: 'U9', isWorkspaceAdmin: true }

  it('lets the author edit and withdraw, and an admin remove', () => {
    expect(refusalToChangeIdea(idea, author, 'edit')).toBeNull()
    expect(refusalToChangeIdea(idea, author, 'withdraw')).toBeNull()
    expect(refusalToChangeIdea(idea, admin, 'remove')).toBeNull()
  })

  it('refuses anyone else, and any change to an idea no longer open', () => {
    expect(refusalToChangeIdea(idea, other, 'edit')).toBe('not_the_author')
    expect(refusalToChangeIdea(idea, admin, 'withdraw')).toBe('not_the_author')
    expect(refusalToChangeIdea(idea, author, 'remove')).toBe('not_an_admin')
    expect(refusalToChangeIdea({ ...idea, status: 'withdrawn' }, author, 'edit')).toBe('not_open')
    expect(refusalToChangeIdea({ ...idea, status: 'removed' }, admin, 'remove')).toBe('not_open')
  })

  it('makes an open idea a proposal once', () => {
    expect(refusalToPropose({ status: 'open', campaign: null })).toBeNull()
    expect(refusalToPropose({ status: 'open', campaign: { id: 4, name: 'Tea' } })).toBe('already_proposed')
    expect(refusalToPropose({ status: 'withdrawn', campaign: null })).toBe('not_open')
  })
})

describe('an idea as typed', () => {
  it('reads a last #word as the timing node, underscores as spaces, and leaves other # in the text', () => {
    expect(readIdeaCommand('Tea tasting live stream #Double_11')).toEqual({ text: 'Tea tasting live stream', tag: 'Double_11' })
    expect(readIdeaCommand('茶艺直播 #双十一')).toEqual({ text: '茶艺直播', tag: '双十一' })
    expect(readIdeaCommand("We're #1 in tea")).toEqual({ text: "We're #1 in tea", tag: null })
    expect(readIdeaCommand('#618')).toEqual({ text: '', tag: '618' })
    expect(timingTag('Double_11')).toEqual({ label: 'Double 11', key: 'double 11' })
    expect(timingTag(' #Golden  Week ')).toEqual({ label: 'Golden Week', key: 'golden week' })
    expect(timingTag('  ')).toBeNull()
  })

  it('needs words, and keeps within the limits', () => {
    expect(checkIdea('  ', null)).toEqual({ ok: false, error: 'required' })
    expect(checkIdea('茶'.repeat(1001), null)).toEqual({ ok: false, error: 'too_long' })
    expect(checkIdea('茶'.repeat(1000), 'x'.repeat(61))).toEqual({ ok: false, error: 'tag_too_long' })
    expect(checkIdea(' A tea festival ', '618')).toEqual({ ok: true, text: 'A tea festival', tag: { label: '618', key: '618' } })
  })

  it('turns a Slack message into the words a person reads', () => {
    expect(readableMessageText('Ask <@U2|ada> about <https://example.com/a?b=1|the deck> &amp; <#C1|campaigns> &lt;3 <!here>'))
      .toBe('Ask @ada about the deck (https://example.com/a?b=1) & #campaigns <3 @here')
    expect(readableMessageText('<@U2> see <https://example.com>')).toBe('@U2 see https://example.com')
  })
})

describe('/campaign brainstorm', () => {
  const now = at('2026-12-01T02:00:00Z') // 10:00 in Shanghai
  const shanghai = 'Asia/Shanghai'
  const read = (rest: string, tz = shanghai, today = '2026-12-01') => readBrainstormCommand(rest, now, today, tz)

  it('runs to the end of the day named, in the person’s time zone, or three days without a date', () => {
    expect(read('Double 12 ideas until 2026-12-05')).toEqual({ ok: true, topic: 'Double 12 ideas', deadline: at('2026-12-05T16:00:00Z') })
    expect(read('双十二创意 截至 2026-12-05 18:00')).toEqual({ ok: true, topic: '双十二创意', deadline: at('2026-12-05T10:00:00Z') })
    expect(read('Spring ideas')).toEqual({ ok: true, topic: 'Spring ideas', deadline: at('2026-12-03T16:00:00Z') })
    expect(read('Spring ideas UNTIL 2026-12-02', 'America/New_York', '2026-11-30')).toEqual({ ok: true, topic: 'Spring ideas', deadline: at('2026-12-03T05:00:00Z') })
  })

  it('refuses what it cannot read, a past deadline and one too far', () => {
    expect(read('until 2026-12-05')).toEqual({ ok: false, error: 'no_topic' })
    expect(read('x'.repeat(151))).toEqual({ ok: false, error: 'topic_too_long' })
    expect(read('Ideas until tomorrow')).toEqual({ ok: false, error: 'bad_deadline' })
    expect(read('Ideas until 2026-02-30')).toEqual({ ok: false, error: 'bad_deadline' })
    expect(read('Ideas until 2026-12-01 09:00')).toEqual({ ok: false, error: 'deadline_past' })
    expect(read('Ideas until 2027-06-01')).toEqual({ ok: false, error: 'deadline_too_far' })
  })

  it('finds the instant of a local time across a daylight-saving change', () => {
    // New York moved to daylight time at 02:00 on 2026-03-08.
    expect(zonedInstant('2026-03-08', '00:00', 'America/New_York')).toEqual(at('2026-03-08T05:00:00Z'))
    expect(zonedInstant('2026-03-09', '00:00', 'America/New_York')).toEqual(at('2026-03-09T04:00:00Z'))
    expect(zonedInstant('2026-12-05', '00:00', 'Not/AZone')).toEqual(at('2026-12-05T00:00:00Z'))
  })
})
