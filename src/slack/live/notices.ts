// PLACEHOLDER: replaced by the live stage's surfaces.
import type { LiveRenderer } from './render.ts'
export const renderAwayNotice: LiveRenderer<'away_notice'> = async (item) => ({ text: `away_notice ${item.key}` })
export const renderGoneNotice: LiveRenderer<'gone_notice'> = async (item) => ({ text: `gone_notice ${item.key}` })
