// Figures imported from a CSV or .xlsx file (issue 17): the upload modal, the preview, the
// command that takes a file shared in the channel, and the source shown in a goal's history.
import type { EntryMode, EntrySource } from '../domain/metrics.ts'
import type { ImportColumn, RowRejection } from '../domain/metricImport.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type MetricImportMessages = {
  metricImport: {
    /** On the Enter figures modal: opens the upload modal. */
    importButton: string
    upload: { title: string; submit: string; close: string; intro: (name: M) => string; file: string; fileHint: string }
    preview: {
      title: string
      submit: string
      close: string
      heading: (name: M, file: M, rows: number) => string
      summary: (added: number, corrected: number, unchanged: number, refused: number) => string
      goal: (goal: M, added: number, corrected: number, unchanged: number) => string
      day: (date: string, figure: string, mode: EntryMode) => string
      correction: (date: string, figure: string, mode: EntryMode, before: string) => string
      moreDays: (count: number) => string
      nothingToRecord: string
      refusedHeading: (count: number) => string
      refusedRow: (row: number, reason: string, text: M) => string
      moreRefused: (count: number) => string
      reason: (reason: RowRejection, otherRow?: number) => string
    }
    fileProblem: {
      empty: string
      tooManyRows: (max: number) => string
      missingColumns: (columns: ImportColumn[]) => string
      unreadable: (file: M) => string
      notSpreadsheet: (file: M) => string
      tooBig: (file: M, megabytes: number) => string
      noFile: string
      download: string
    }
    recorded: { title: string; text: (count: number, corrected: number, name: M) => string; nothing: (name: M) => string }
    changed: string
    command: { usage: string; noFile: (channel: M) => string; whichCampaign: string }
    /** After an entry in a goal's history: where it came from (typed says nothing) and whether it was corrected. */
    historyMark: (source: EntrySource, corrected: boolean) => string
  }
}

const columnEn: Record<ImportColumn, string> = { date: 'date', metric: 'metric', value: 'value', mode: 'mode' }
const columnZh: Record<ImportColumn, string> = { date: '日期', metric: '指标', value: '数值', mode: '类型' }

const en: MetricImportMessages = {
  metricImport: {
    importButton: 'Import a file…',
    upload: {
      title: 'Import figures',
      submit: 'Preview',
      close: 'Back',
      intro: (name) => `Figures for *${name}* from a CSV or Excel (.xlsx) file. Columns: *date*, *metric* (the goal's metric as the plan names it, in English or Chinese), *value*, and optionally *mode* (\`day\` for the day's own figure, \`total\` for the running total). You see what will be recorded before anything is.`,
      file: 'File',
      fileHint: 'One CSV or .xlsx file, up to 10 MB.',
    },
    preview: {
      title: 'Check the import',
      submit: 'Record',
      close: 'Cancel',
      heading: (name, file, rows) => `:page_facing_up: *${file}* for *${name}*: ${rows} row${rows === 1 ? '' : 's'} read.`,
      summary: (added, corrected, unchanged, refused) => `*${added}* new day${added === 1 ? '' : 's'} · *${corrected}* correction${corrected === 1 ? '' : 's'} · ${unchanged} already recorded (nothing to do) · *${refused}* row${refused === 1 ? '' : 's'} not recorded`,
      goal: (goal, added, corrected, unchanged) => `*${goal}*: ${added} new, ${corrected} corrected, ${unchanged} unchanged`,
      day: (date, figure, mode) => (mode === 'total' ? `${date}: total ${figure}` : `${date}: +${figure}`),
      correction: (date, figure, mode, before) => `${date}: ${mode === 'total' ? `total ${figure}` : `+${figure}`} _(correction, was ${before})_`,
      moreDays: (count) => `…and ${count} more day${count === 1 ? '' : 's'}`,
      nothingToRecord: 'Nothing to record: every figure in the file is already recorded, or was refused.',
      refusedHeading: (count) => `:warning: *${count} row${count === 1 ? '' : 's'} will not be recorded:*`,
      refusedRow: (row, reason, text) => `• Row ${row}: ${reason}${text ? ` — \`${text}\`` : ''}`,
      moreRefused: (count) => `…and ${count} more row${count === 1 ? '' : 's'} not recorded.`,
      reason: (reason, otherRow) => ({
        unknown_metric: 'no goal of this campaign has that metric',
        ambiguous_metric: 'several goals have that metric: use the custom name',
        not_yours: 'you do not report this goal',
        no_date: 'no date',
        invalid_date: 'not a date (use 2026-12-07)',
        before_start: 'before the campaign started',
        after_end: 'after the campaign ended',
        in_future: 'a day still to come',
        required: 'no value',
        not_a_number: 'the value is not a number',
        negative: 'a negative value',
        too_many_decimals: 'too many decimals',
        too_large: 'the value is too large',
        invalid_mode: 'the mode is neither day nor total',
        duplicate_row: `repeats row ${otherRow ?? '?'}`,
        conflicting_rows: 'another row gives this goal a different figure that day',
      } satisfies Record<RowRejection, string>)[reason],
    },
    fileProblem: {
      empty: 'The file has no rows.',
      tooManyRows: (max) => `The file has more than ${max.toLocaleString('en')} rows: split it, please.`,
      missingColumns: (columns) => `The file's header has no ${columns.map((c) => columnEn[c]).join(', ')} column. Expected columns: date, metric, value (and mode).`,
      unreadable: (file) => `*${file}* could not be read as a CSV or Excel file.`,
      notSpreadsheet: (file) => `*${file}* is not a CSV or .xlsx file.`,
      tooBig: (file, megabytes) => `*${file}* is larger than ${megabytes} MB.`,
      noFile: 'Choose a CSV or .xlsx file.',
      download: 'Slack did not hand over the file just now: please try again in a moment.',
    },
    recorded: {
      title: 'Figures recorded',
      text: (count, corrected, name) => `:white_check_mark: Recorded ${count} figure${count === 1 ? '' : 's'} for *${name}*${corrected > 0 ? ` (${corrected} correction${corrected === 1 ? '' : 's'})` : ''}.`,
      nothing: (name) => `Nothing new for *${name}*: the file's figures were all recorded already.`,
    },
    changed: 'The file or the recorded figures changed since this preview: here it is again. Check it and record.',
    command: {
      usage: 'Share a CSV or .xlsx file in the campaign\'s channel, then: `/campaign metrics import &lt;name or id&gt;`',
      noFile: (channel) => `I found no CSV or .xlsx file you shared in ${channel}. Share one there first, then run \`/campaign metrics import\` again.`,
      whichCampaign: 'Which campaign? `/campaign metrics import &lt;name or id&gt;`',
    },
    historyMark: (source, corrected) => {
      const marks = [...(source === 'file' ? ['from a file'] : source === 'api' ? ['via the API'] : []), ...(corrected ? ['corrected'] : [])]
      return marks.length > 0 ? ` (${marks.join(', ')})` : ''
    },
  },
}

const zh: MetricImportMessages = {
  metricImport: {
    importButton: '从文件导入…',
    upload: {
      title: '导入数据',
      submit: '预览',
      close: '返回',
      intro: (name) => `从 CSV 或 Excel（.xlsx）文件导入 *${name}* 的数据。列：*日期*、*指标*（计划中目标的指标名称，中文或英文均可）、*数值*，可选 *类型*（\`当天\` 表示当天的数值，\`累计\` 表示截至当天的累计总数）。记录之前你会先看到预览。`,
      file: '文件',
      fileHint: '一个 CSV 或 .xlsx 文件，不超过 10 MB。',
    },
    preview: {
      title: '确认导入',
      submit: '记录',
      close: '取消',
      heading: (name, file, rows) => `:page_facing_up: *${file}*（*${name}*）：读取了 ${rows} 行。`,
      summary: (added, corrected, unchanged, refused) => `新增 *${added}* 天 · 更正 *${corrected}* 天 · ${unchanged} 天已记录（无需处理） · *${refused}* 行不会记录`,
      goal: (goal, added, corrected, unchanged) => `*${goal}*：新增 ${added}，更正 ${corrected}，不变 ${unchanged}`,
      day: (date, figure, mode) => (mode === 'total' ? `${date}：累计 ${figure}` : `${date}：+${figure}`),
      correction: (date, figure, mode, before) => `${date}：${mode === 'total' ? `累计 ${figure}` : `+${figure}`} _（更正，原为 ${before}）_`,
      moreDays: (count) => `……还有 ${count} 天`,
      nothingToRecord: '没有需要记录的数据：文件中的数据都已记录，或未通过检查。',
      refusedHeading: (count) => `:warning: *${count} 行不会记录：*`,
      refusedRow: (row, reason, text) => `• 第 ${row} 行：${reason}${text ? ` — \`${text}\`` : ''}`,
      moreRefused: (count) => `……还有 ${count} 行不会记录。`,
      reason: (reason, otherRow) => ({
        unknown_metric: '本活动没有这个指标的目标',
        ambiguous_metric: '多个目标使用这个指标：请使用自定义名称',
        not_yours: '你不负责这个目标的数据',
        no_date: '没有日期',
        invalid_date: '不是日期（请用 2026-12-07）',
        before_start: '活动开始之前',
        after_end: '活动结束之后',
        in_future: '还没到的日期',
        required: '没有数值',
        not_a_number: '数值不是数字',
        negative: '数值为负数',
        too_many_decimals: '小数位太多',
        too_large: '数值太大',
        invalid_mode: '类型既不是当天也不是累计',
        duplicate_row: `与第 ${otherRow ?? '?'} 行重复`,
        conflicting_rows: '另一行给这个目标同一天不同的数值',
      } satisfies Record<RowRejection, string>)[reason],
    },
    fileProblem: {
      empty: '文件中没有数据行。',
      tooManyRows: (max) => `文件超过 ${max} 行：请拆分后再导入。`,
      missingColumns: (columns) => `文件的表头缺少 ${columns.map((c) => columnZh[c]).join('、')} 列。需要的列：日期、指标、数值（以及类型）。`,
      unreadable: (file) => `无法将 *${file}* 读取为 CSV 或 Excel 文件。`,
      notSpreadsheet: (file) => `*${file}* 不是 CSV 或 .xlsx 文件。`,
      tooBig: (file, megabytes) => `*${file}* 超过 ${megabytes} MB。`,
      noFile: '请选择一个 CSV 或 .xlsx 文件。',
      download: 'Slack 暂时没有提供这个文件：请稍后再试。',
    },
    recorded: {
      title: '数据已记录',
      text: (count, corrected, name) => `:white_check_mark: 已为 *${name}* 记录 ${count} 个数据${corrected > 0 ? `（其中更正 ${corrected} 个）` : ''}。`,
      nothing: (name) => `*${name}* 没有新数据：文件中的数据都已记录。`,
    },
    changed: '自预览以来，文件或已记录的数据有变化：这是新的预览。请确认后再记录。',
    command: {
      usage: '先在活动频道中分享一个 CSV 或 .xlsx 文件，然后：`/campaign metrics import &lt;名称或编号&gt;`',
      noFile: (channel) => `没有找到你在 ${channel} 分享的 CSV 或 .xlsx 文件。请先在那里分享，再运行 \`/campaign metrics import\`。`,
      whichCampaign: '哪个活动？`/campaign metrics import &lt;名称或编号&gt;`',
    },
    historyMark: (source, corrected) => {
      const marks = [...(source === 'file' ? ['文件导入'] : source === 'api' ? ['API'] : []), ...(corrected ? ['已更正'] : [])]
      return marks.length > 0 ? `（${marks.join('，')}）` : ''
    },
  },
}

export const metricImportMessages: Record<Locale, MetricImportMessages> = { en, 'zh-CN': zh }
