import { describe, expect, it } from 'vitest'
import {
  checkLiveSettings, effectiveSettings, formatWorkingDays, noOverrides, parseWorkingDays, type WorkspaceLiveSettings,
} from '../../src/domain/liveSettings.ts'

const workspace: WorkspaceLiveSettings = {
  timeZone: 'Europe/London', country: 'GB', workingDays: [1, 2, 3, 4], digestTime: '08:00', promptTime: '16:00',
  reminderLeadDays: 2, quietDigests: true, locale: 'zh-CN', currency: 'GBP',
}

describe('effectiveSettings', () => {
  it('uses the defaults with nothing set, in the owner\'s zone', () => {
    expect(effectiveSettings(null, null, 'Asia/Shanghai')).toEqual({
      timeZone: 'Asia/Shanghai', country: null, workingDays: [1, 2, 3, 4, 5], calendarDays: [], digestTime: '09:30', promptTime: '17:00',
      reminderLeadDays: 1, quietDigests: false, locale: null,
    })
  })

  it('falls back to UTC with no zone anywhere, or an unknown one', () => {
    expect(effectiveSettings(null, null, null).timeZone).toBe('UTC')
    expect(effectiveSettings(null, null, 'Mars/Olympus').timeZone).toBe('UTC')
  })

  it("takes the workspace's over the owner's", () => {
    const settings = effectiveSettings(workspace, noOverrides, 'Asia/Shanghai')
    expect(settings).toMatchObject({ timeZone: 'Europe/London', country: 'GB', workingDays: [1, 2, 3, 4], digestTime: '08:00', quietDigests: true, reminderLeadDays: 2 })
  })

  it("takes the campaign's over the workspace's", () => {
    const settings = effectiveSettings(workspace, { timeZone: 'America/New_York', digestTime: '10:15', promptTime: null, quietDigests: false }, 'Asia/Shanghai')
    expect(settings).toMatchObject({ timeZone: 'America/New_York', digestTime: '10:15', promptTime: '16:00', quietDigests: false })
  })
})

describe('working days as stored', () => {
  it('round-trips and drops junk', () => {
    expect(parseWorkingDays('5,1,3')).toEqual([1, 3, 5])
    expect(parseWorkingDays('1,9,x,2,2')).toEqual([1, 2])
    expect(parseWorkingDays(null)).toBeNull()
    expect(formatWorkingDays([5, 1, 1])).toBe('1,5')
  })
})

describe('checkLiveSettings', () => {
  it('accepts good settings', () => {
    expect(checkLiveSettings({ timeZone: 'Asia/Shanghai', digestTime: '09:30', promptTime: '17:00', workingDays: [1], reminderLeadDays: 0 })).toEqual({})
  })
  it('names each bad field', () => {
    expect(checkLiveSettings({ timeZone: 'Mars/Olympus', digestTime: '25:00', promptTime: '9am', workingDays: [], reminderLeadDays: 30 })).toEqual({
      timeZone: 'unknown_zone', digestTime: 'bad_time', promptTime: 'bad_time', workingDays: 'no_working_day', reminderLeadDays: 'lead_out_of_range',
    })
  })
})
