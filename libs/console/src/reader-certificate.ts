// Who is speaking: the client certificate the TLS handshake authenticated (chain checked against
// the CA there), not revoked by the PKI's current list, mapped to a console reader.
import { clientIdentity, SignedHttpError } from '@pcms/signed-http';
import { normalizeSerialHex, RevocationList } from '@pcms/trust';
import type { IncomingMessage } from 'node:http';
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readerOf, type ConsoleReader } from './access';

export interface AuthenticatedReader {
  readonly reader: ConsoleReader;
  /** sha256 of the certificate: binds the CSRF token to this very certificate. */
  readonly fingerprint: string;
}

/** Why a client is refused: none of these is shown any page but the refusal. */
export type ReaderRefusal = 'NO_IDENTITY' | 'REVOKED' | 'ROLE_REFUSED';

export class ReaderCertificates {
  private crl: { mtimeMs: number; list: RevocationList | undefined } | undefined;

  constructor(
    private readonly caPem: string,
    /** The PKI's revocation list (`<pki>/crl.pem`), re-read when the file changes. */
    private readonly crlFile: string,
  ) {}

  readerOf(req: IncomingMessage): AuthenticatedReader | ReaderRefusal {
    let identity;
    try {
      identity = clientIdentity(req);
    } catch (error: unknown) {
      if (error instanceof SignedHttpError) return 'NO_IDENTITY';
      throw error;
    }
    const certificate = new X509Certificate(identity.certificatePem);
    if (this.revocationList()?.isRevoked(normalizeSerialHex(certificate.serialNumber))) return 'REVOKED';
    const reader = readerOf(identity);
    if (!reader) return 'ROLE_REFUSED';
    return { reader, fingerprint: certificate.fingerprint256 };
  }

  /** Undefined when no list was published yet; an unreadable list throws (fail closed). */
  private revocationList(): RevocationList | undefined {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.crlFile).mtimeMs;
    } catch {
      return undefined;
    }
    if (this.crl?.mtimeMs !== mtimeMs) {
      const pem = readFileSync(this.crlFile, 'utf8');
      this.crl = { mtimeMs, list: pem.trim() === '' ? undefined : RevocationList.fromPem(pem, this.caPem) };
    }
    return this.crl.list;
  }
}
