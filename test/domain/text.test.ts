// User text is normalised at the edge: no NUL or other control characters (PostgreSQL refuses
// NUL, SQLite keeps it), one kind of line break, tabs and newlines kept.
import { describe, expect, it } from 'vitest'
import { proposalInputSchema } from '../../src/domain/proposal.ts'
import { withoutControlCharacters } from '../../src/domain/text.ts'

describe('withoutControlCharacters', () => {
  it('removes NUL and the other C0 controls, DEL and the C1 controls', () => {
    expect(withoutControlCharacters('a\u0000b')).toBe('ab')
    expect(withoutControlCharacters('\u0001\u0007\u0008\u000b\u000c\u001b\u001fx')).toBe('x')
    expect(withoutControlCharacters('x\u007f\u0080\u0085\u009fy')).toBe('xy')
  })

  it('keeps newline and tab, and turns \\r\\n and a lone \\r into \\n', () => {
    expect(withoutControlCharacters('one\r\ntwo\rthree\nfour\tfive')).toBe('one\ntwo\nthree\nfour\tfive')
    expect(withoutControlCharacters('\r\r\n')).toBe('\n\n')
  })

  it('leaves other text as it is: Chinese, emoji, zero-width joiners, mrkdwn', () => {
    for (const text of ['双十一茶节', '👩‍👩‍👧 family', '<!channel> &amp; *bold*', '', 'a\u00a0b', 'x\u200dy']) {
      expect(withoutControlCharacters(text)).toBe(text)
    }
  })

  it('returns the very same string when there is nothing to remove', () => {
    const text = 'Tea for two'
    expect(withoutControlCharacters(text)).toBe(text)
  })
})

describe('the proposal schema, as a second line of defence', () => {
  const valid = {
    name: 'Tea festival', theme: 'Tea for two', basicContent: 'Buy one, get one.', kind: 'own_site', platform: null,
    platformOther: null, timingNode: 'sales_peak', timingNote: null, startDate: '2026-12-10', endDate: '2026-12-24',
    channelId: 'C1', ownerId: 'U1', approverId: 'U2',
  }

  it('strips control characters from required and optional text', () => {
    const parsed = proposalInputSchema.parse({ ...valid, name: 'Tea\u0000 festival', theme: 'Tea\r\nfor two', timingNote: 'Sale\u0007 day' })
    expect(parsed).toMatchObject({ name: 'Tea festival', theme: 'Tea\nfor two', timingNote: 'Sale day' })
  })

  it('counts a name of control characters only as empty', () => {
    const parsed = proposalInputSchema.safeParse({ ...valid, name: '\u0000\u0001 ' })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['name'], message: 'required' })
    const optional = proposalInputSchema.parse({ ...valid, timingNote: '\u0000' })
    expect(optional.timingNote).toBeNull()
  })
})
