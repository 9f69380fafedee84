import { constants, createHash, timingSafeEqual, verify } from 'node:crypto';
import { assertValidAt, CertificateChainValidator, CertificateVerdict } from './certificate-chain.validator';
import {
  ParsedSignedData,
  ParsedSignerInfo,
  parseSignedData,
  SignerIdentifier,
  UnsupportedAlgorithmError,
} from './cms.parser';
import { PartyRole } from './credential.model';
import { RevocationSource } from './revocation.list';
import { inspectCertificatePem } from './certificate.inspector';
import { TrustError, TrustErrorCode } from './trust.error';

export interface SignatureVerifierOptions {
  trustAnchorsPem: string[];
  /** The clock certificates' validity is judged against. */
  now?: () => Date;
  /** Consulted for every trusted signer; none means no revocation checking. */
  revocation?: RevocationSource;
}

export interface VerifyOptions {
  /** The party id the signer's certificate must name, e.g. the envelope's `sender`. */
  expectedSigner?: string;
}

export interface VerifiedSignature {
  signerId: string;
  role: PartyRole;
  certificatePem: string;
  /** Lower-case hex SHA-256 of the signer certificate's DER. */
  fingerprintSha256: string;
  /** The signer's claim (RFC 5652 §11.3), not a trusted timestamp. */
  signingTime?: Date;
}

/**
 * Verifies detached CMS SignedData (RFC 5652) against configured trust anchors. Every failure is
 * a TrustError with its own code; hostile bytes never escape as any other exception.
 */
export class SignatureVerifier {
  private readonly chain: CertificateChainValidator;
  private readonly now: () => Date;
  private revocation?: RevocationSource;

  constructor(options: SignatureVerifierOptions) {
    this.chain = new CertificateChainValidator(options.trustAnchorsPem);
    this.now = options.now ?? (() => new Date());
    this.revocation = options.revocation;
  }

  /**
   * Swaps the revocation source at runtime (a reloaded CRL); `undefined` turns checking off. The
   * next `verify` uses it: verification is synchronous, so no call sees half of a swap.
   */
  useRevocation(source: RevocationSource | undefined): void {
    this.revocation = source;
  }

  verify(content: Buffer, signatureDer: Buffer | undefined, options: VerifyOptions = {}): VerifiedSignature {
    if (!signatureDer || signatureDer.length === 0) {
      throw new TrustError(TrustErrorCode.SIGNATURE_MISSING, 'The content carries no signature');
    }
    try {
      return this.verifyPresent(content, signatureDer, options);
    } catch (error) {
      if (error instanceof TrustError) throw error;
      throw new TrustError(TrustErrorCode.SIGNATURE_MALFORMED, 'The signature could not be processed', {
        cause: error,
      });
    }
  }

  /**
   * Refuses a certificate that authenticated another way (a TLS client certificate) once it is
   * revoked: the handshake checks the chain, not the revocation list this verifier follows.
   */
  assertNotRevoked(certificatePem: string): void {
    const { serialHex } = inspectCertificatePem(certificatePem);
    if (this.revocation?.isRevoked(serialHex)) {
      throw new TrustError(
        TrustErrorCode.CERTIFICATE_REVOKED,
        `The certificate (serial ${serialHex}) is revoked`,
      );
    }
  }

  private verifyPresent(content: Buffer, signatureDer: Buffer, options: VerifyOptions): VerifiedSignature {
    const parsed = parse(signatureDer);
    const signer = this.findSignerCertificate(parsed);
    checkSignature(content, parsed.signer, signer);

    const { facts, anchor } = signer;
    if (!anchor) {
      throw new TrustError(
        TrustErrorCode.CERTIFICATE_UNTRUSTED,
        'The signer certificate is not issued by a trust anchor',
      );
    }
    // RFC 5280 §6.3: a revoked certificate is refused whatever else holds; checked before dates
    // so the operator sees the decisive reason.
    if (this.revocation?.isRevoked(facts.serialHex)) {
      throw new TrustError(
        TrustErrorCode.CERTIFICATE_REVOKED,
        `The signer certificate (serial ${facts.serialHex}) is revoked`,
      );
    }
    const now = this.now();
    assertValidAt(anchor, now, 'trust anchor');
    assertValidAt(facts, now, 'signer certificate');
    // RFC 5280 §4.2.1.3: a signing key must carry digitalSignature or nonRepudiation; this PKI
    // always writes the extension, so its absence is refused too.
    if (!facts.keyUsage || !(facts.keyUsage.digitalSignature || facts.keyUsage.nonRepudiation)) {
      throw new TrustError(
        TrustErrorCode.CERTIFICATE_KEY_USAGE,
        'The signer certificate may not be used for signatures',
      );
    }
    if (!facts.identity) {
      throw new TrustError(
        TrustErrorCode.CERTIFICATE_UNTRUSTED,
        'The signer certificate names no PCMS party',
      );
    }
    if (options.expectedSigner !== undefined && facts.identity.id !== options.expectedSigner) {
      throw new TrustError(
        TrustErrorCode.SIGNER_MISMATCH,
        `The content is signed by ${facts.identity.id}, expected ${options.expectedSigner}`,
      );
    }
    return {
      signerId: facts.identity.id,
      role: facts.identity.role,
      certificatePem: facts.pem,
      fingerprintSha256: facts.fingerprintSha256,
      signingTime: parsed.signer.signedAttributes?.signingTime,
    };
  }

  private findSignerCertificate(parsed: ParsedSignedData): CertificateVerdict {
    for (const der of parsed.certificates) {
      let verdict: CertificateVerdict;
      try {
        verdict = this.chain.judge(der);
      } catch (cause) {
        throw new TrustError(
          TrustErrorCode.SIGNATURE_MALFORMED,
          'A certificate in the signature cannot be read',
          {
            cause,
          },
        );
      }
      if (identifies(parsed.signer.sid, verdict)) return verdict;
    }
    throw new TrustError(
      TrustErrorCode.SIGNATURE_MALFORMED,
      "The signature does not include the signer's certificate",
    );
  }
}

function parse(signatureDer: Buffer): ParsedSignedData {
  try {
    return parseSignedData(signatureDer);
  } catch (cause) {
    if (cause instanceof UnsupportedAlgorithmError) {
      throw new TrustError(
        TrustErrorCode.SIGNATURE_ALGORITHM_UNSUPPORTED,
        `The signature uses ${cause.message}; the gateway verifies RSA (PKCS #1 v1.5 or PSS) with SHA-256, SHA-384 or SHA-512`,
        { cause },
      );
    }
    throw new TrustError(
      TrustErrorCode.SIGNATURE_MALFORMED,
      'The signature is not a detached CMS SignedData',
      {
        cause,
      },
    );
  }
}

function identifies(sid: SignerIdentifier, { facts }: CertificateVerdict): boolean {
  return sid.kind === 'issuerAndSerialNumber'
    ? sid.issuerDer.equals(facts.issuerDer) && sid.serial.equals(facts.serial)
    : facts.subjectKeyIdentifier !== undefined && sid.keyIdentifier.equals(facts.subjectKeyIdentifier);
}

function checkSignature(content: Buffer, signer: ParsedSignerInfo, { facts }: CertificateVerdict): void {
  if (facts.publicKey.asymmetricKeyType !== 'rsa') {
    throw new TrustError(TrustErrorCode.SIGNATURE_MALFORMED, 'The signer key is not an RSA key');
  }
  const attributes = signer.signedAttributes;
  if (attributes) {
    const digest = createHash(signer.digest).update(content).digest();
    if (
      digest.length !== attributes.messageDigest.length ||
      !timingSafeEqual(digest, attributes.messageDigest)
    ) {
      throw new TrustError(TrustErrorCode.SIGNATURE_INVALID, 'The content does not match the signed digest');
    }
  }
  // RFC 5652 §5.4: with signed attributes the signature covers them, otherwise the content.
  const signed = attributes ? attributes.signedBytes : content;
  // RFC 8017 §8.1 (PSS, as OpenSSL signs with -keyopt rsa_padding_mode:pss) or §8.2 (PKCS #1 v1.5).
  const key =
    signer.padding.kind === 'pss'
      ? {
          key: facts.publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: signer.padding.saltLength,
        }
      : { key: facts.publicKey, padding: constants.RSA_PKCS1_PADDING };
  if (!verify(signer.digest, signed, key, signer.signature)) {
    throw new TrustError(
      TrustErrorCode.SIGNATURE_INVALID,
      'The signature does not verify with the signer key',
    );
  }
}
