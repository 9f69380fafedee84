import { createPublicKey, KeyObject, verify } from 'node:crypto';
import forge from 'node-forge';
import { DigestName, Oid } from './cms.oids';
import { PartyRole } from './credential.model';
import { childrenOf, decodeOid, DerTag, expectTag, readSingleDer } from './der.codec';
import { firstPemBlock } from './pem.codec';
import { TrustError, TrustErrorCode } from './trust.error';

/** What a PKCS#10 request (RFC 2986) says, and whether its self-signature holds. */
export interface CertificateRequestFacts {
  /** e.g. `CN=NP-TD, OU=platform, O=PCMS`, most specific first. */
  subject: string;
  commonName?: string;
  organizationalUnit?: string;
  /** SubjectPublicKeyInfo PEM. */
  publicKeyPem: string;
  keyType: string;
  keyBits?: number;
  /** The proof that the requester holds the private key (RFC 2986 §3). */
  signatureValid: boolean;
}

const DIGEST_OF_SIGNATURE_OID: Readonly<Record<string, DigestName>> = {
  [Oid.sha256WithRSAEncryption]: 'sha256',
  [Oid.sha384WithRSAEncryption]: 'sha384',
  [Oid.sha512WithRSAEncryption]: 'sha512',
};

/** Reads a PEM request; `REQUEST_INVALID` when it is not one. A bad signature is reported, not thrown. */
export function readCertificateRequest(requestPem: string): CertificateRequestFacts {
  const block = firstPemBlock(requestPem);
  if (block?.label !== 'CERTIFICATE REQUEST' && block?.label !== 'NEW CERTIFICATE REQUEST') {
    throw new TrustError(TrustErrorCode.REQUEST_INVALID, 'No PEM CERTIFICATE REQUEST block in the file');
  }
  try {
    const [info, algorithm, signatureBits] = childrenOf(
      expectTag(readSingleDer(block.der), DerTag.SEQUENCE, 'CertificationRequest'),
    );
    const infoFields = childrenOf(expectTag(info, DerTag.SEQUENCE, 'certificationRequestInfo'));
    const spki = expectTag(infoFields[2], DerTag.SEQUENCE, 'subjectPKInfo');
    const publicKey = createPublicKey({ key: spki.bytes, format: 'der', type: 'spki' });
    // forge reads the names (it knows the attribute types) but, like our certificates, RSA keys only.
    const request = forge.pki.certificationRequestFromAsn1(forge.asn1.fromDer(block.der.toString('binary')));
    const single = (shortName: string): string | undefined => {
      const values = request.subject.attributes.filter((attribute) => attribute.shortName === shortName);
      return values.length === 1 && typeof values[0].value === 'string' ? values[0].value : undefined;
    };
    const bits = expectTag(signatureBits, DerTag.BIT_STRING, 'signature').content;
    const digest =
      DIGEST_OF_SIGNATURE_OID[decodeOid(childrenOf(expectTag(algorithm, DerTag.SEQUENCE, 'algorithm'))[0])];
    return {
      subject: [...request.subject.attributes]
        .reverse()
        .map((attribute) => `${attribute.shortName ?? attribute.type}=${String(attribute.value)}`)
        .join(', '),
      commonName: single('CN'),
      organizationalUnit: single('OU'),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      keyType: publicKey.asymmetricKeyType ?? 'unknown',
      keyBits: publicKey.asymmetricKeyDetails?.modulusLength,
      signatureValid:
        digest !== undefined &&
        bits[0] === 0 &&
        checkSignature(digest, info.bytes, publicKey, bits.subarray(1)),
    };
  } catch (cause) {
    throw new TrustError(TrustErrorCode.REQUEST_INVALID, 'The certificate request cannot be read', { cause });
  }
}

/**
 * The key to certify for `id`: the request must be self-signed by it and, when it names a CN or
 * an OU, name this party and role. The id comes from the operator, never from the request.
 */
export function publicKeyFromRequest(requestPem: string, id: string, role: PartyRole): string {
  const request = readCertificateRequest(requestPem);
  if (!request.signatureValid) {
    throw new TrustError(TrustErrorCode.REQUEST_INVALID, 'The certificate request signature does not verify');
  }
  if (request.commonName !== id) {
    throw new TrustError(
      TrustErrorCode.REQUEST_INVALID,
      `The certificate request names CN=${request.commonName ?? '(none)'}, not ${id}`,
    );
  }
  if (request.organizationalUnit !== undefined && request.organizationalUnit !== role) {
    throw new TrustError(
      TrustErrorCode.REQUEST_INVALID,
      `The certificate request asks for OU=${request.organizationalUnit}, not ${role}`,
    );
  }
  if (request.keyType !== 'rsa' || (request.keyBits ?? 0) < 2048) {
    throw new TrustError(
      TrustErrorCode.REQUEST_INVALID,
      'The certificate request key must be RSA of 2048 bits or more',
    );
  }
  return request.publicKeyPem;
}

function checkSignature(digest: DigestName, signed: Buffer, key: KeyObject, signature: Buffer): boolean {
  try {
    return verify(digest, signed, key, signature);
  } catch {
    return false;
  }
}
