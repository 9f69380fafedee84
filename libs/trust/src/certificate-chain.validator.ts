import { createHash } from 'node:crypto';
import { CertificateFacts, inspectCertificateDer, inspectCertificatePem } from './certificate.inspector';
import { TrustError, TrustErrorCode } from './trust.error';

export interface CertificateVerdict {
  readonly facts: CertificateFacts;
  /** The anchor that issued (or is) the certificate; undefined when none did. */
  readonly anchor?: CertificateFacts;
}

const DEFAULT_CACHE_SIZE = 1024;

/**
 * Decides whether a certificate was issued by one of the trust anchors. Parsing a certificate and
 * checking its issuer's RSA signature cost far more than a message does, and signers are few: the
 * verdict is cached by SHA-256 fingerprint. Only the time-independent facts are cached; dates and
 * usage are judged per message against the caller's clock.
 *
 * Chains are one level deep (anchor → end entity), which is what this PKI issues.
 */
export class CertificateChainValidator {
  private readonly anchors: readonly CertificateFacts[];
  private readonly verdicts = new Map<string, CertificateVerdict>();

  constructor(
    trustAnchorsPem: readonly string[],
    private readonly cacheSize = DEFAULT_CACHE_SIZE,
  ) {
    this.anchors = trustAnchorsPem.map((pem) => inspectCertificatePem(pem));
  }

  /** Throws a non-TrustError when the bytes are not a certificate; the caller classifies it. */
  judge(der: Buffer): CertificateVerdict {
    const fingerprint = createHash('sha256').update(der).digest('hex');
    const cached = this.verdicts.get(fingerprint);
    if (cached) return cached;
    const facts = inspectCertificateDer(der);
    const verdict: CertificateVerdict = { facts, anchor: this.issuingAnchor(facts) };
    // A bounded cache: hostile senders can present endless distinct certificates.
    if (this.verdicts.size >= this.cacheSize) {
      const oldest = this.verdicts.keys().next();
      if (!oldest.done) this.verdicts.delete(oldest.value);
    }
    this.verdicts.set(fingerprint, verdict);
    return verdict;
  }

  private issuingAnchor(facts: CertificateFacts): CertificateFacts | undefined {
    return this.anchors.find(
      (anchor) =>
        anchor.fingerprintSha256 === facts.fingerprintSha256 ||
        // checkIssued compares names, key identifiers and the issuer's keyCertSign usage;
        // verify checks the issuer's signature on Node's crypto.
        (facts.x509.checkIssued(anchor.x509) && facts.x509.verify(anchor.publicKey)),
    );
  }
}

export function assertValidAt(facts: CertificateFacts, now: Date, what: string): void {
  if (now.getTime() < facts.notBefore.getTime()) {
    throw new TrustError(
      TrustErrorCode.CERTIFICATE_NOT_YET_VALID,
      `The ${what} is not valid before ${facts.notBefore.toISOString()}`,
    );
  }
  if (now.getTime() > facts.notAfter.getTime()) {
    throw new TrustError(
      TrustErrorCode.CERTIFICATE_EXPIRED,
      `The ${what} expired at ${facts.notAfter.toISOString()}`,
    );
  }
}
