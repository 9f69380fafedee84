// The held message at rest: sealed with the journal's payload cipher (AES-256-GCM, a fresh IV per
// message) and the deployment's payload key, whatever journal.payloads.keep says: a hold must keep
// the bytes to release them, so `none` cannot apply here, and clear bytes would break issue 6.
import { JournalError, type PayloadCipher } from '@pcms/journal';
import { HoldsError, HoldsErrorCode } from './holds.error';

/** Additional authenticated data: sealed bytes copied onto another hold's row do not open. */
export function holdBodyContext(holdId: string): string {
  return `hold:${holdId}`;
}

export class HeldMessageSealer {
  constructor(private readonly cipher: PayloadCipher) {}

  seal(holdId: string, body: Buffer): Buffer {
    return this.cipher.seal(body, holdBodyContext(holdId));
  }

  open(holdId: string, sealed: Buffer): Buffer {
    try {
      return this.cipher.open(sealed, holdBodyContext(holdId));
    } catch (error: unknown) {
      if (!(error instanceof JournalError)) throw error;
      throw new HoldsError(
        HoldsErrorCode.BodyUnreadable,
        `the held message of hold ${holdId} does not open: another payload key, or the row was altered`,
        { holdId },
        { cause: error },
      );
    }
  }
}
