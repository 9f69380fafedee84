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
export class CmsSigner {
  private readonly privateKey: KeyObject;
  private readonly signedDataHead: Buffer;
  private readonly signerInfoHead: Buffer;

  constructor(
    credential: Credential,
    private readonly now: () => Date = () => new Date(),
  ) {
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
    const signedAttributes = derSetOf([
      CONTENT_TYPE_ATTRIBUTE,
      attribute(Oid.signingTime, encodeTime(this.now()), SIGNING_TIME_OID),
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
