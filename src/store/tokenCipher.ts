// Tokens at rest: AES-256-GCM (Node's crypto) under TOKEN_ENCRYPTION_KEY. A sealed value names the
// key that sealed it (a short fingerprint, not the key), so after a rotation the old values are
// still read with TOKEN_ENCRYPTION_KEY_PREVIOUS and known to need rewriting under the new key.
// Each value is bound to where it is kept (its installation and field, as GCM's additional data):
// a ciphertext copied into another row or column does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

const version = 'gcm1'

export type TokenCipher = {
  /** The ciphertext of `plain`, bound to `place` (e.g. "team:T1/botToken"). */
  seal(plain: string, place: string): string
  /** The token; `stale` when it was sealed under the previous key and should be sealed again. */
  open(sealed: string, place: string): { plain: string; stale: boolean }
}

/** A token could not be opened: another key, a changed value, or the wrong place. Says nothing of the value. */
export class TokenUnreadable extends Error {
  override name = 'TokenUnreadable'
}

const fingerprint = (key: Buffer) => createHash('sha256').update(key).digest('base64url').slice(0, 8)

export function createTokenCipher(key: Buffer, previous?: Buffer): TokenCipher {
  if (key.length !== 32 || (previous && previous.length !== 32)) throw new Error('a token key is 32 bytes')
  const current = { id: fingerprint(key), key }
  const keys = new Map([[current.id, current.key], ...(previous ? [[fingerprint(previous), previous] as const] : [])])
  return {
    seal(plain, place) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', current.key, iv)
      cipher.setAAD(Buffer.from(place, 'utf8'))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [version, current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
    },
    open(sealed, place) {
      const [format, keyId, iv, tag, body] = sealed.split('.')
      const key = keyId === undefined ? undefined : keys.get(keyId)
      if (format !== version || !key || !iv || !tag || body === undefined) {
        throw new TokenUnreadable(`a stored token was sealed under a key this instance does not have (${keyId ?? 'no key id'}): set TOKEN_ENCRYPTION_KEY (or TOKEN_ENCRYPTION_KEY_PREVIOUS) to the key that sealed it`)
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        decipher.setAAD(Buffer.from(place, 'utf8'))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
        return { plain, stale: keyId !== current.id }
      } catch {
        throw new TokenUnreadable(`a stored token does not open under its key (${keyId}): it was changed, or moved from another row`)
      }
    },
  }
}
