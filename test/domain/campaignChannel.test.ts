import { describe, expect, it } from 'vitest'
import {
  channelMembers, channelNameMaxLength, checkChannelName, proposeChannelName, suffixedChannelName,
} from '../../src/domain/campaignChannel.ts'

describe('checkChannelName', () => {
  it('takes a name Slack takes, without the # people write', () => {
    expect(checkChannelName('double-11_tea')).toEqual({ ok: true, name: 'double-11_tea' })
    expect(checkChannelName('  #tea-2026 ')).toEqual({ ok: true, name: 'tea-2026' })
  })

  it.each([
    ['', 'required'],
    ['#', 'required'],
    ['Tea-Festival', 'uppercase'],
    ['tea festival', 'spaces_or_periods'],
    ['tea.festival', 'spaces_or_periods'],
    ['tea!', 'invalid_characters'],
    ['双11', 'invalid_characters'],
    ['a'.repeat(channelNameMaxLength + 1), 'too_long'],
  ])('refuses %j: %s', (typed, problem) => {
    expect(checkChannelName(typed)).toEqual({ ok: false, problem })
  })

  it('takes exactly 80 characters', () => {
    expect(checkChannelName('a'.repeat(80)).ok).toBe(true)
  })
})

describe('proposeChannelName', () => {
  it('makes a Latin name its slug', () => {
    expect(proposeChannelName({ id: 7, name: 'Double 11 Tea Festival!', startDate: '2026-11-01' })).toBe('double-11-tea-festival')
    expect(proposeChannelName({ id: 7, name: 'Café Crème. Summer', startDate: '2026-11-01' })).toBe('cafe-creme-summer')
  })

  it('gives a Chinese name a Latin one with its year, its numbers and its id', () => {
    expect(proposeChannelName({ id: 42, name: '2027 年 618 大促', startDate: '2027-06-01' })).toBe('camp-2027-618-42')
    expect(proposeChannelName({ id: 5, name: '双１１茶节', startDate: '2026-11-01' })).toBe('camp-2026-11-5')
    expect(proposeChannelName({ id: 9, name: '春节', startDate: '2027-01-20' })).toBe('camp-2027-9')
  })

  it('proposes only names Slack takes, at most 80 characters', () => {
    for (const name of ['A'.repeat(200), `${'长'.repeat(50)}${'9'.repeat(120)}`, '...', 'Ünïcödé ☃ sale', '2027']) {
      const proposed = proposeChannelName({ id: 123456, name, startDate: '2027-01-01' })
      expect(checkChannelName(proposed), `${name} → ${proposed}`).toMatchObject({ ok: true, name: proposed })
    }
  })
})

describe('suffixedChannelName', () => {
  it('adds -n and stays within 80 characters', () => {
    expect(suffixedChannelName('tea', 2)).toBe('tea-2')
    const long = suffixedChannelName('a'.repeat(80), 3)
    expect(long).toHaveLength(80)
    expect(long.endsWith('-3')).toBe(true)
  })
})

describe('channelMembers', () => {
  it('names each person once, owner and approver first', () => {
    expect(channelMembers({ ownerId: 'U1', approverId: 'U2', others: ['U3', 'U1', '', 'U3', 'U4'] })).toEqual(['U1', 'U2', 'U3', 'U4'])
  })
})
