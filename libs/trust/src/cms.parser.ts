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

export interface ParsedSignerInfo {
  readonly sid: SignerIdentifier;
  readonly digest: DigestName;
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
  const digest = digestNameOf(algorithmOid(fields[2], 'digestAlgorithm'));
  if (!digest) throw new DerError('unsupported digest algorithm');
  let index = 3;
  let signedAttributes: ParsedSignedAttributes | undefined;
  if (fields[index]?.tag === DerTag.CONTEXT_0) {
    signedAttributes = parseSignedAttributes(fields[index]);
    index++;
  }
  if (!isRsaSignatureAlgorithmFor(algorithmOid(fields[index], 'signatureAlgorithm'), digest)) {
    throw new DerError('unsupported signature algorithm');
  }
  const signature = expectTag(fields[index + 1], DerTag.OCTET_STRING, 'signature').content;
  return { sid, digest, signedAttributes, signature };
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
