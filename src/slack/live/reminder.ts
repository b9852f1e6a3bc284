// PLACEHOLDER: replaced by the live stage's surfaces.
import type { LiveRenderer } from './render.ts'
export const renderReminder: LiveRenderer<'reminder'> = async (item) => ({ text: `reminder ${item.key}` })
