// PLACEHOLDER: replaced by the live stage's surfaces.
import type { LiveRenderer } from './render.ts'
export const renderMetricPrompt: LiveRenderer<'metric_prompt'> = async (item) => ({ text: `metric_prompt ${item.key}` })
