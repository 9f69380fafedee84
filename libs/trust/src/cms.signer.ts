import { createHash, createPrivateKey, createPublicKey, KeyObject, sign } from 'node:crypto';
import { CertificateFacts, inspectCertificatePem } from './certificate.inspector';
import { Oid } from './cms.oids';
import { Credential } from './credential.model';
import { DerTag, derSetOf, encodeOid, encodeTime, tlv } from './der.codec';
import { TrustError, TrustErrorCode } from './trust.error';

const VERSION_1 = tlv(DerTag.INTEGER, Buffer.from([1]));
const SHA256_ALGORITHM = tlv(DerTag.SEQUENCE, encodeOid(Oid.sha256));
// RFC 4055 §2.1 / RFC 5754 §3.2: rsaEncryption takes explicit NULL parameters.
const RSA_ALGORITHM = tlv(DerTag.SEQUENCE, encodeOid(Oid.rsaEncryption), tlv(DerTag.NULL));
const CONTENT_TYPE_ATTRIBUTE = attribute(Oid.contentType, encodeOid(Oid.data));
const MESSAGE_DIGEST_OID = encodeOid(Oid.messageDigest);
const SIGNING_TIME_OID = encodeOid(Oid.signingTime);
const SIGNED_DATA_OID = encodeOid(Oid.signedData);

/**
 * Produces detached CMS SignedData (RFC 5652) with SHA-256 and RSA PKCS#1 v1.5.
 *
 * Everything that depends only on the credential (certificate block, signer identifier,
 * algorithm identifiers, the parsed key) is encoded once here; a message costs one SHA-256,
 * one RSA signature on Node's crypto and a few small buffer concatenations.
 */
export interface CmsSignerOptions {
  /**
   * Hand out again, for the same bytes, a signature made less than this many ms ago (0: never).
   * The gateway delivers one notice to several platforms as identical bytes: one RSA signature
   * instead of one per copy. Equally valid; its signing time is at most this much older.
   */
  reuseWithinMs?: number;
}

/** Signatures kept for reuse: a notice's copies are signed within milliseconds of each other. */
const RECENT_SIGNATURES = 64;

export class CmsSigner {
  private readonly privateKey: KeyObject;
  private readonly signedDataHead: Buffer;
  private readonly signerInfoHead: Buffer;
  private readonly reuseWithinMs: number;
  /** By content digest (hex): when the signature was made, and its DER. */
  private readonly recent = new Map<string, { madeAt: number; der: Buffer }>();

  constructor(
    credential: Credential,
    private readonly now: () => Date = () => new Date(),
    options: CmsSignerOptions = {},
  ) {
    this.reuseWithinMs = options.reuseWithinMs ?? 0;
    const certificate = inspectCertificatePem(credential.certificatePem);
    this.privateKey = readMatchingPrivateKey(credential.privateKeyPem, certificate);
    this.signerInfoHead = Buffer.concat([
      VERSION_1,
      // RFC 5652 §5.3: sid as IssuerAndSerialNumber goes with SignerInfo version 1.
      tlv(DerTag.SEQUENCE, certificate.issuerDer, tlv(DerTag.INTEGER, certificate.serial)),
      SHA256_ALGORITHM,
    ]);
    this.signedDataHead = Buffer.concat([
      VERSION_1,
      tlv(DerTag.SET, SHA256_ALGORITHM),
      // Detached: encapContentInfo carries the content type and no eContent (RFC 5652 §5.2).
      tlv(DerTag.SEQUENCE, encodeOid(Oid.data)),
      tlv(DerTag.CONTEXT_0, certificate.der),
    ]);
  }

  /** Returns the DER of a ContentInfo wrapping the SignedData. */
  sign(content: Buffer): Buffer {
    const digest = createHash('sha256').update(content).digest();
    const signingTime = this.now();
    if (this.reuseWithinMs <= 0) return this.signDigest(digest, signingTime);
    const key = digest.toString('hex');
    const recent = this.recent.get(key);
    const age = recent ? signingTime.getTime() - recent.madeAt : Infinity;
    // A copy: the caller may change what it gets, never what the next caller gets.
    if (recent && age >= 0 && age < this.reuseWithinMs) return Buffer.from(recent.der);
    const der = this.signDigest(digest, signingTime);
    this.recent.delete(key);
    if (this.recent.size >= RECENT_SIGNATURES) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(key, { madeAt: signingTime.getTime(), der: Buffer.from(der) });
    return der;
  }

  private signDigest(digest: Buffer, signingTime: Date): Buffer {
    const signedAttributes = derSetOf([
      CONTENT_TYPE_ATTRIBUTE,
      attribute(Oid.signingTime, encodeTime(signingTime), SIGNING_TIME_OID),
      attribute(Oid.messageDigest, tlv(DerTag.OCTET_STRING, digest), MESSAGE_DIGEST_OID),
    ]);
    // RFC 5652 §5.4: the signature covers the DER of the signed attributes as a SET (tag 0x31),
    // while SignerInfo carries them under the IMPLICIT [0] tag.
    const signature = sign('sha256', signedAttributes, this.privateKey);
    signedAttributes[0] = DerTag.CONTEXT_0;
    const signerInfo = tlv(
      DerTag.SEQUENCE,
      this.signerInfoHead,
      signedAttributes,
      RSA_ALGORITHM,
      tlv(DerTag.OCTET_STRING, signature),
    );
    const signedData = tlv(DerTag.SEQUENCE, this.signedDataHead, tlv(DerTag.SET, signerInfo));
    return tlv(DerTag.SEQUENCE, SIGNED_DATA_OID, tlv(DerTag.CONTEXT_0, signedData));
  }
}

function attribute(oid: string, value: Buffer, encodedOid = encodeOid(oid)): Buffer {
  return tlv(DerTag.SEQUENCE, encodedOid, tlv(DerTag.SET, value));
}

function readMatchingPrivateKey(privateKeyPem: string, certificate: CertificateFacts): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (cause) {
    throw new TrustError(
      TrustErrorCode.CREDENTIAL_INVALID,
      'The signing credential has no readable private key',
      {
        cause,
      },
    );
  }
  const spki = (k: KeyObject): Buffer => k.export({ type: 'spki', format: 'der' });
  if (key.asymmetricKeyType !== 'rsa' || !spki(createPublicKey(key)).equals(spki(certificate.publicKey))) {
    throw new TrustError(
      TrustErrorCode.CREDENTIAL_INVALID,
      'The signing private key is not an RSA key matching its certificate',
    );
  }
  return key;
}
