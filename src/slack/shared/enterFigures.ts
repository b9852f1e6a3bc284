// The one "Enter figures" button, wherever it is shown (metric prompt DM, digest, App Home,
// `/campaign metrics`): its action id and value (the campaign's id, read back strictly) are fixed here.
import type { Button } from '@slack/types'
import type { Messages } from '../../i18n/catalogue.ts'
import { readRecordId } from './recordIds.ts'
import { button } from './elements.ts'

export const enterMetricsAction = 'metrics_enter'

export function enterFiguresButton(campaignId: number, m: Messages, style?: 'primary'): Button {
  return button(m.metrics.enterFigures, enterMetricsAction, String(campaignId), style)
}

/** The campaign a click names, or null for anything but a plain row id. */
export const readEnterFiguresValue = (value: string | undefined): number | null => readRecordId(value)
