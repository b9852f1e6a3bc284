// The "Import a file…" button on the Enter figures modal (issue 17): its action id and value (the
// campaign's id, read back strictly) are fixed here, below both the metrics stage that shows it
// and the import stage that answers it.
import type { Button } from '@slack/types'
import type { Messages } from '../../i18n/catalogue.ts'
import { readRecordId } from './recordIds.ts'
import { button } from './elements.ts'

export const importFiguresAction = 'metrics_import_file'

export function importFiguresButton(campaignId: number, m: Messages): Button {
  return button(m.metricImport.importButton, importFiguresAction, String(campaignId))
}

/** The campaign a click names, or null for anything but a plain row id. */
export const readImportFiguresValue = (value: string | undefined): number | null => readRecordId(value)
