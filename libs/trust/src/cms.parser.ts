import { digestNameOf, DigestName, isRsaSignatureAlgorithmFor, Oid } from './cms.oids';
import {
  childrenOf,
  decodeOid,
  decodeTime,
  DerError,
  DerNode,
  DerTag,
  expectTag,
  readSingleDer,
} from './der.codec';

/** What the verifier needs from a detached CMS SignedData with exactly one signer. */
export interface ParsedSignedData {
  readonly certificates: readonly Buffer[];
  readonly signer: ParsedSignerInfo;
}

export type SignerIdentifier =
  | { readonly kind: 'issuerAndSerialNumber'; readonly issuerDer: Buffer; readonly serial: Buffer }
  | { readonly kind: 'subjectKeyIdentifier'; readonly keyIdentifier: Buffer };

/** How the RSA signature is padded: PKCS #1 v1.5, or PSS with its salt length (RFC 8017 §8). */
export type SignaturePadding =
  { readonly kind: 'pkcs1-v1_5' } | { readonly kind: 'pss'; readonly saltLength: number };

/** A well-formed SignerInfo whose algorithms the gateway does not verify; `message` names them. */
export class UnsupportedAlgorithmError extends DerError {}

export interface ParsedSignerInfo {
  readonly sid: SignerIdentifier;
  readonly digest: DigestName;
  readonly padding: SignaturePadding;
  /** Absent when the signer signed the content itself (RFC 5652 §5.4, content type id-data only). */
  readonly signedAttributes?: ParsedSignedAttributes;
  readonly signature: Buffer;
}

export interface ParsedSignedAttributes {
  /** Re-tagged as a SET (0x31): the exact bytes the signature covers (RFC 5652 §5.4). */
  readonly signedBytes: Buffer;
  readonly messageDigest: Buffer;
  readonly signingTime?: Date;
}

/** Throws DerError on anything that is not the structure we accept. */
export function parseSignedData(der: Buffer): ParsedSignedData {
  const contentInfo = childrenOf(expectTag(readSingleDer(der), DerTag.SEQUENCE, 'ContentInfo'));
  if (decodeOid(expectTag(contentInfo[0], DerTag.OID, 'contentType')) !== Oid.signedData) {
    throw new DerError('ContentInfo does not hold SignedData');
  }
  const explicit = childrenOf(expectTag(contentInfo[1], DerTag.CONTEXT_0, 'content'));
  const fields = childrenOf(expectTag(explicit[0], DerTag.SEQUENCE, 'SignedData'));
  expectTag(fields[0], DerTag.INTEGER, 'version');
  expectTag(fields[1], DerTag.SET, 'digestAlgorithms');
  const encapsulated = childrenOf(expectTag(fields[2], DerTag.SEQUENCE, 'encapContentInfo'));
  const eContentType = decodeOid(expectTag(encapsulated[0], DerTag.OID, 'eContentType'));
  if (eContentType !== Oid.data) throw new DerError('encapsulated content type is not id-data');

  let index = 3;
  let certificates: Buffer[] = [];
  if (fields[index]?.tag === DerTag.CONTEXT_0) {
    // CertificateChoices: only plain X.509 certificates (SEQUENCE) interest us.
    certificates = childrenOf(fields[index])
      .filter((choice) => choice.tag === DerTag.SEQUENCE)
      .map((choice) => choice.bytes);
    index++;
  }
  if (fields[index]?.tag === DerTag.CONTEXT_1) index++; // crls: revocation is checked elsewhere.
  const signerInfos = childrenOf(expectTag(fields[index], DerTag.SET, 'signerInfos'));
  if (signerInfos.length !== 1) throw new DerError(`expected one SignerInfo, found ${signerInfos.length}`);
  if (index + 1 !== fields.length) throw new DerError('unexpected fields after signerInfos');
  return { certificates, signer: parseSignerInfo(signerInfos[0]) };
}

function parseSignerInfo(node: DerNode): ParsedSignerInfo {
  const fields = childrenOf(expectTag(node, DerTag.SEQUENCE, 'SignerInfo'));
  expectTag(fields[0], DerTag.INTEGER, 'SignerInfo version');
  const sid = parseSignerIdentifier(fields[1]);
  const digestOid = algorithmOid(fields[2], 'digestAlgorithm');
  const digest = digestNameOf(digestOid);
  if (!digest)
    throw new UnsupportedAlgorithmError(`digest algorithm ${digestOid} (SHA-256, SHA-384 or SHA-512 only)`);
  let index = 3;
  let signedAttributes: ParsedSignedAttributes | undefined;
  if (fields[index]?.tag === DerTag.CONTEXT_0) {
    signedAttributes = parseSignedAttributes(fields[index]);
    index++;
  }
  const padding = paddingOf(fields[index], digest);
  const signature = expectTag(fields[index + 1], DerTag.OCTET_STRING, 'signature').content;
  return { sid, digest, padding, signedAttributes, signature };
}

function paddingOf(node: DerNode | undefined, digest: DigestName): SignaturePadding {
  const [oidNode, parameters] = childrenOf(expectTag(node, DerTag.SEQUENCE, 'signatureAlgorithm'));
  const oid = decodeOid(expectTag(oidNode, DerTag.OID, 'signatureAlgorithm algorithm'));
  if (oid === Oid.rsassaPss) return { kind: 'pss', saltLength: pssSaltLength(parameters, digest) };
  if (!isRsaSignatureAlgorithmFor(oid, digest)) {
    throw new UnsupportedAlgorithmError(`signature algorithm ${oid} with ${digest}`);
  }
  return { kind: 'pkcs1-v1_5' };
}

// RSASSA-PSS-params fields are EXPLICIT [0]..[3] (RFC 4055 §3.1).
const PSS_HASH = 0xa0;
const PSS_MASK_GENERATION = 0xa1;
const PSS_SALT_LENGTH = 0xa2;
const PSS_TRAILER = 0xa3;

/**
 * The salt length of RSASSA-PSS parameters we verify: the hash and MGF1's hash must both be the
 * SignerInfo's digest (RFC 4056 §3), trailer 1. The RFC 4055 defaults (SHA-1) are refused.
 */
function pssSaltLength(parameters: DerNode | undefined, digest: DigestName): number {
  let hash: string = Oid.sha1;
  let maskHash: string = Oid.sha1;
  let saltLength = 20;
  let trailer = 1;
  for (const field of childrenOf(expectTag(parameters, DerTag.SEQUENCE, 'RSASSA-PSS-params'))) {
    const [value] = childrenOf(field);
    switch (field.tag) {
      case PSS_HASH:
        hash = algorithmOid(value, 'PSS hashAlgorithm');
        break;
      case PSS_MASK_GENERATION: {
        const [mgf, mgfHash] = childrenOf(expectTag(value, DerTag.SEQUENCE, 'PSS maskGenAlgorithm'));
        const mgfOid = decodeOid(expectTag(mgf, DerTag.OID, 'PSS maskGenAlgorithm algorithm'));
        if (mgfOid !== Oid.mgf1)
          throw new UnsupportedAlgorithmError(`RSASSA-PSS with mask generation ${mgfOid}`);
        maskHash = algorithmOid(mgfHash, 'MGF1 hash');
        break;
      }
      case PSS_SALT_LENGTH:
        saltLength = smallInteger(value, 'PSS saltLength');
        break;
      case PSS_TRAILER:
        trailer = smallInteger(value, 'PSS trailerField');
        break;
      default:
        throw new DerError('unexpected RSASSA-PSS parameter');
    }
  }
  if (digestNameOf(hash) !== digest || digestNameOf(maskHash) !== digest || trailer !== 1) {
    throw new UnsupportedAlgorithmError(
      `RSASSA-PSS with hash ${hash}, MGF1 hash ${maskHash}, trailer ${trailer} (the digest algorithm's SHA-2 hash for both, trailer 1 only)`,
    );
  }
  return saltLength;
}

function smallInteger(node: DerNode | undefined, what: string): number {
  const { content } = expectTag(node, DerTag.INTEGER, what);
  if (content.length === 0 || content.length > 2 || (content[0] & 0x80) !== 0)
    throw new DerError(`${what} out of range`);
  return content.readUIntBE(0, content.length);
}

function parseSignerIdentifier(node: DerNode | undefined): SignerIdentifier {
  if (node?.tag === DerTag.CONTEXT_0_PRIMITIVE) {
    return { kind: 'subjectKeyIdentifier', keyIdentifier: node.content };
  }
  const [issuer, serial] = childrenOf(expectTag(node, DerTag.SEQUENCE, 'sid'));
  return {
    kind: 'issuerAndSerialNumber',
    issuerDer: expectTag(issuer, DerTag.SEQUENCE, 'sid issuer').bytes,
    serial: expectTag(serial, DerTag.INTEGER, 'sid serialNumber').content,
  };
}

function parseSignedAttributes(node: DerNode): ParsedSignedAttributes {
  const values = new Map<string, DerNode>();
  for (const attribute of childrenOf(node)) {
    const [type, set] = childrenOf(expectTag(attribute, DerTag.SEQUENCE, 'Attribute'));
    const oid = decodeOid(expectTag(type, DerTag.OID, 'attrType'));
    const attributeValues = childrenOf(expectTag(set, DerTag.SET, 'attrValues'));
    // RFC 5652 §11: contentType, messageDigest and signingTime are single-valued and appear once.
    if (oid === Oid.contentType || oid === Oid.messageDigest || oid === Oid.signingTime) {
      if (values.has(oid) || attributeValues.length !== 1)
        throw new DerError('repeated or multi-valued attribute');
      values.set(oid, attributeValues[0]);
    }
  }
  const contentType = values.get(Oid.contentType);
  const messageDigest = values.get(Oid.messageDigest);
  // RFC 5652 §5.3: with signed attributes present, contentType and messageDigest are mandatory.
  if (!contentType || decodeOid(contentType) !== Oid.data)
    throw new DerError('contentType attribute missing or not id-data');
  if (!messageDigest) throw new DerError('messageDigest attribute missing');
  const signingTime = values.get(Oid.signingTime);
  const signedBytes = Buffer.from(node.bytes);
  signedBytes[0] = DerTag.SET;
  return {
    signedBytes,
    messageDigest: expectTag(messageDigest, DerTag.OCTET_STRING, 'messageDigest').content,
    signingTime: signingTime && decodeTime(signingTime),
  };
}

function algorithmOid(node: DerNode | undefined, what: string): string {
  const [oid] = childrenOf(expectTag(node, DerTag.SEQUENCE, what));
  return decodeOid(expectTag(oid, DerTag.OID, `${what} algorithm`));
}
