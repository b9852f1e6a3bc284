// PLACEHOLDER: replaced by the live stage's surfaces.
import type { LiveRenderer } from './render.ts'
export const renderDigest: LiveRenderer<'digest'> = async (item) => ({ text: `digest ${item.key}` })
export const renderPaceAlert: LiveRenderer<'pace_alert'> = async (item) => ({ text: `pace_alert ${item.key}` })
