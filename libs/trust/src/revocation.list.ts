import { verify } from 'node:crypto';
import { inspectCertificatePem } from './certificate.inspector';
import { CrlEntry, parseCrlDer, ParsedCrl } from './crl.codec';
import { normalizeSerialHex } from './der.codec';
import { firstPemBlock } from './pem.codec';
import { TrustError, TrustErrorCode } from './trust.error';

/** What the verifier asks of a revocation source; a RevocationList is one. */
export interface RevocationSource {
  /** `serialHex` as `normalizeSerialHex` writes it (the verifier passes it so). */
  isRevoked(serialHex: string): boolean;
}

/**
 * A revocation list whose signature has been verified against its CA (RFC 5280 §6.3.3). Lookups
 * are a Set membership test: the verifier asks once per message.
 */
export class RevocationList implements RevocationSource {
  private readonly revoked: ReadonlySet<string>;

  private constructor(private readonly crl: ParsedCrl) {
    this.revoked = new Set(crl.entries.map((entry) => entry.serialHex));
  }

  /** Throws `CRL_INVALID` when the list cannot be read, names another issuer or fails its signature. */
  static fromPem(crlPem: string, caCertificatePem: string): RevocationList {
    const ca = inspectCertificatePem(caCertificatePem);
    const crl = parseCrlPem(crlPem);
    if (!crl.issuerDer.equals(ca.subjectDer)) {
      throw new TrustError(TrustErrorCode.CRL_INVALID, 'The revocation list is issued by another CA');
    }
    let valid: boolean;
    try {
      valid = verify(crl.digest, crl.tbsDer, ca.publicKey, crl.signature);
    } catch (cause) {
      throw new TrustError(TrustErrorCode.CRL_INVALID, 'The revocation list signature cannot be checked', {
        cause,
      });
    }
    if (!valid) {
      throw new TrustError(TrustErrorCode.CRL_INVALID, 'The revocation list is not signed by the CA');
    }
    return new RevocationList(crl);
  }

  isRevoked(serialHex: string): boolean {
    return this.revoked.has(serialHex) || this.revoked.has(normalizeSerialHex(serialHex));
  }

  get thisUpdate(): Date {
    return this.crl.thisUpdate;
  }

  get nextUpdate(): Date | undefined {
    return this.crl.nextUpdate;
  }

  get crlNumber(): string | undefined {
    return this.crl.crlNumber;
  }

  get revokedSerials(): readonly string[] {
    return [...this.revoked];
  }

  get entries(): readonly CrlEntry[] {
    return this.crl.entries;
  }

  /** RFC 5280 §5.1.2.5: past nextUpdate the list is stale; what to do then is the caller's policy. */
  isStaleAt(now: Date): boolean {
    return this.crl.nextUpdate !== undefined && now.getTime() > this.crl.nextUpdate.getTime();
  }
}

/** Reads a PEM CRL without judging its signature (for `inspect`); `CRL_INVALID` when unreadable. */
export function parseCrlPem(crlPem: string): ParsedCrl {
  const block = firstPemBlock(crlPem);
  if (block?.label !== 'X509 CRL') {
    throw new TrustError(TrustErrorCode.CRL_INVALID, 'No PEM X509 CRL block in the revocation list');
  }
  try {
    return parseCrlDer(block.der);
  } catch (cause) {
    throw new TrustError(TrustErrorCode.CRL_INVALID, 'The revocation list cannot be read', { cause });
  }
}
