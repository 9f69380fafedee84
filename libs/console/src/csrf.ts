// CSRF: every form that acts carries a token only the console can make, bound to the reader's
// certificate (HMAC with a key of this process); a forged POST from another site has none.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthenticatedReader } from './reader-certificate';

export class CsrfTokens {
  private readonly key = randomBytes(32);

  tokenFor({ reader, fingerprint }: AuthenticatedReader): string {
    return createHmac('sha256', this.key)
      .update(`${reader.role}\n${reader.id}\n${fingerprint}`)
      .digest('base64url');
  }

  verify(authenticated: AuthenticatedReader, token: string | undefined): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.tokenFor(authenticated));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
