// PLACEHOLDER until built.
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'

export function registerReminderActions(_listeners: Listeners, _services: Services): void {}
