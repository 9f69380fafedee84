// Payloads at rest: AES-256-GCM (NIST SP 800-38D) with a fresh random 96-bit IV per payload
// (§8.2.2, the recommended IV length) and the event id as additional authenticated data, so a
// sealed payload copied onto another entry does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { JournalError, JournalErrorCode } from './journal.error';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class PayloadCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) {
      throw new JournalError(JournalErrorCode.KeyInvalid, `the payload key must be ${KEY_BYTES} bytes`);
    }
  }

  /** iv (12) || tag (16) || ciphertext. */
  seal(plaintext: Buffer, eventId: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(eventId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  open(sealed: Buffer, eventId: string): Buffer {
    try {
      const iv = sealed.subarray(0, IV_BYTES);
      const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(eventId, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch (error: unknown) {
      throw new JournalError(
        JournalErrorCode.PayloadUnreadable,
        `the payload of event ${eventId} does not decrypt`,
        {
          cause: error,
        },
      );
    }
  }
}
