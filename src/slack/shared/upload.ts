// Uploading a picture or a file into a channel, as every stage does it (the Gantt, the goals chart,
// the calendar, an export), and reading the error Slack answered with.
import type { WebClient } from '@slack/web-api'

export type Upload = Parameters<WebClient['filesUploadV2']>[0] & { channel_id: string }

/** As the dispatcher posts: a public channel the app is not in yet is joined, then the upload is made again (once). */
export async function uploadJoiningIfNeeded(client: WebClient, upload: Upload): Promise<void> {
  try {
    await client.filesUploadV2(upload)
  } catch (error) {
    if (slackErrorCode(error) !== 'not_in_channel') throw error
    try {
      await client.conversations.join({ channel: upload.channel_id })
    } catch (joinError) {
      // A private channel refuses the join: the person is told to invite the app (the original refusal).
      throw slackErrorCode(joinError) ? error : joinError
    }
    await client.filesUploadV2(upload)
  }
}

/** The error Slack answered with (`{ok:false, error}`), if it answered. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } }
  return e?.code === 'slack_webapi_platform_error' ? e.data?.error : undefined
}
