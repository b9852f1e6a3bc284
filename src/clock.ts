// Time enters the app here and is passed down as a value, so rules are testable at any date.
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }
