import { createPrivateKey, sign } from 'node:crypto';
import forge from 'node-forge';
import { inspectCertificatePem } from './certificate.inspector';
import { DigestName, Oid } from './cms.oids';
import { Credential } from './credential.model';
import {
  childrenOf,
  decodeOid,
  decodeTime,
  DerError,
  DerNode,
  DerTag,
  encodeOid,
  encodeTime,
  encodeUnsignedInteger,
  expectTag,
  readSingleDer,
  serialHexOfInteger,
  tlv,
} from './der.codec';
import { derToPemAs } from './pem.codec';
import { reasonCodeOf, reasonOfCode, RevocationReason } from './revocation-reason';

/**
 * X.509 v2 certificate revocation lists (RFC 5280 §5), which node-forge does not know: the
 * TBSCertList is written with the DER helpers and signed by Node's crypto with the CA key.
 */

export interface CrlEntry {
  /** Normalised hex (`normalizeSerialHex`). */
  serialHex: string;
  revocationDate: Date;
  /** Undefined when the list gives no reason (or one outside RFC 5280's list for us). */
  reason?: RevocationReason;
}

export interface BuildCrlOptions {
  issuer: Credential;
  entries: readonly CrlEntry[];
  crlNumber: number;
  thisUpdate: Date;
  nextUpdate: Date;
}

export interface ParsedCrl {
  /** The TBSCertList as signed. */
  tbsDer: Buffer;
  digest: DigestName;
  signature: Buffer;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Decimal string: RFC 5280 allows up to 20 octets, more than a JS number holds. */
  crlNumber?: string;
  authorityKeyIdentifier?: Buffer;
  entries: CrlEntry[];
}

const ExtensionOid = {
  authorityKeyIdentifier: '2.5.29.35',
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
} as const;

const DIGEST_OF_SIGNATURE_OID: Readonly<Record<string, DigestName>> = {
  [Oid.sha256WithRSAEncryption]: 'sha256',
  [Oid.sha384WithRSAEncryption]: 'sha384',
  [Oid.sha512WithRSAEncryption]: 'sha512',
};

const NULL = tlv(DerTag.NULL, Buffer.alloc(0));
const SHA256_WITH_RSA = tlv(DerTag.SEQUENCE, encodeOid(Oid.sha256WithRSAEncryption), NULL);

export function buildCrlPem(options: BuildCrlOptions): string {
  const ca = inspectCertificatePem(options.issuer.certificatePem);
  const keyIdentifier =
    ca.subjectKeyIdentifier ??
    // RFC 5280 §4.2.1.2 method (1), for an imported CA that carries no SKI.
    Buffer.from(
      forge.pki.certificateFromPem(options.issuer.certificatePem).generateSubjectKeyIdentifier().getBytes(),
      'binary',
    );
  const revoked = options.entries.map((entry) =>
    tlv(
      DerTag.SEQUENCE,
      encodeUnsignedInteger(entry.serialHex),
      encodeTime(entry.revocationDate),
      // RFC 5280 §5.3.1: the reasonCode SHOULD be absent rather than `unspecified`.
      ...(entry.reason && entry.reason !== 'unspecified'
        ? [
            tlv(
              DerTag.SEQUENCE,
              extension(
                ExtensionOid.reasonCode,
                tlv(DerTag.ENUMERATED, Buffer.from([reasonCodeOf(entry.reason)])),
              ),
            ),
          ]
        : []),
    ),
  );
  const tbs = tlv(
    DerTag.SEQUENCE,
    tlv(DerTag.INTEGER, Buffer.from([1])), // v2, required by the extensions (RFC 5280 §5.1.2.1)
    SHA256_WITH_RSA,
    ca.subjectDer,
    encodeTime(options.thisUpdate),
    encodeTime(options.nextUpdate),
    // §5.1.2.6: with nothing revoked the list is absent, not empty.
    ...(revoked.length > 0 ? [tlv(DerTag.SEQUENCE, ...revoked)] : []),
    tlv(
      DerTag.CONTEXT_0,
      tlv(
        DerTag.SEQUENCE,
        // §5.2.1 and §5.2.3: conforming CRL issuers MUST include both.
        extension(
          ExtensionOid.authorityKeyIdentifier,
          tlv(DerTag.SEQUENCE, tlv(DerTag.CONTEXT_0_PRIMITIVE, keyIdentifier)),
        ),
        extension(ExtensionOid.cRLNumber, encodeUnsignedInteger(options.crlNumber.toString(16))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, createPrivateKey(options.issuer.privateKeyPem));
  const der = tlv(DerTag.SEQUENCE, tbs, SHA256_WITH_RSA, tlv(DerTag.BIT_STRING, Buffer.from([0]), signature));
  return derToPemAs(der, 'X509 CRL');
}

/** Reads the structure without judging its signature. Throws DerError on anything unexpected. */
export function parseCrlDer(der: Buffer): ParsedCrl {
  const [tbsNode, algorithmNode, signatureNode, ...rest] = childrenOf(
    expectTag(readSingleDer(der), DerTag.SEQUENCE, 'CertificateList'),
  );
  if (rest.length > 0) throw new DerError('CertificateList has extra fields');
  const tbs = expectTag(tbsNode, DerTag.SEQUENCE, 'tbsCertList');
  const digest = digestOfAlgorithm(expectTag(algorithmNode, DerTag.SEQUENCE, 'signatureAlgorithm'));
  const bits = expectTag(signatureNode, DerTag.BIT_STRING, 'signatureValue').content;
  if (bits.length < 2 || bits[0] !== 0) throw new DerError('signatureValue is not whole octets');

  const fields = childrenOf(tbs);
  let index = 0;
  if (fields[index]?.tag === DerTag.INTEGER) {
    if (!fields[index].content.equals(Buffer.from([1]))) throw new DerError('unsupported CRL version');
    index++;
  }
  // §5.1.2.2: the inner algorithm MUST equal the outer one.
  const inner = expectTag(fields[index++], DerTag.SEQUENCE, 'signature');
  if (!inner.bytes.equals(algorithmNode.bytes)) throw new DerError('inner and outer algorithms differ');
  const issuerDer = expectTag(fields[index++], DerTag.SEQUENCE, 'issuer').bytes;
  const thisUpdate = decodeTime(expectPresent(fields[index++], 'thisUpdate'));
  let nextUpdate: Date | undefined;
  if (isTime(fields[index])) nextUpdate = decodeTime(fields[index++]);
  let entries: CrlEntry[] = [];
  if (fields[index]?.tag === DerTag.SEQUENCE) entries = childrenOf(fields[index++]).map(parseEntry);
  const crl: ParsedCrl = {
    tbsDer: tbs.bytes,
    digest,
    signature: bits.subarray(1),
    issuerDer,
    thisUpdate,
    nextUpdate,
    entries,
  };
  if (fields[index]?.tag === DerTag.CONTEXT_0) {
    const [list] = childrenOf(fields[index++]);
    for (const { oid, value, critical } of childrenOf(expectTag(list, DerTag.SEQUENCE, 'crlExtensions')).map(
      parseExtension,
    )) {
      if (oid === ExtensionOid.cRLNumber) {
        crl.crlNumber = BigInt(
          `0x${expectTag(value, DerTag.INTEGER, 'cRLNumber').content.toString('hex')}`,
        ).toString();
      } else if (oid === ExtensionOid.authorityKeyIdentifier) {
        const keyId = childrenOf(expectTag(value, DerTag.SEQUENCE, 'authorityKeyIdentifier')).find(
          (node) => node.tag === DerTag.CONTEXT_0_PRIMITIVE,
        );
        crl.authorityKeyIdentifier = keyId?.content;
      } else if (critical) {
        // §5.2: a CRL with a critical extension we cannot process (delta CRL, distribution point
        // scope) must not be used to decide anything.
        throw new DerError(`unsupported critical CRL extension ${oid}`);
      }
    }
  }
  if (index !== fields.length) throw new DerError('tbsCertList has unexpected fields');
  return crl;
}

function parseEntry(node: DerNode): CrlEntry {
  const [serial, date, extensions] = childrenOf(expectTag(node, DerTag.SEQUENCE, 'revokedCertificate'));
  const entry: CrlEntry = {
    serialHex: serialHexOfInteger(expectTag(serial, DerTag.INTEGER, 'userCertificate').content),
    revocationDate: decodeTime(expectPresent(date, 'revocationDate')),
  };
  if (extensions) {
    for (const { oid, value, critical } of childrenOf(
      expectTag(extensions, DerTag.SEQUENCE, 'crlEntryExtensions'),
    ).map(parseExtension)) {
      if (oid === ExtensionOid.reasonCode) {
        const code = expectTag(value, DerTag.ENUMERATED, 'reasonCode').content;
        entry.reason = code.length === 1 ? reasonOfCode(code[0]) : undefined;
      } else if (critical) {
        // §5.3: e.g. certificateIssuer, which would make the serial someone else's.
        throw new DerError(`unsupported critical CRL entry extension ${oid}`);
      }
    }
  }
  return entry;
}

function extension(oid: string, value: Buffer): Buffer {
  return tlv(DerTag.SEQUENCE, encodeOid(oid), tlv(DerTag.OCTET_STRING, value));
}

function parseExtension(node: DerNode): { oid: string; critical: boolean; value: DerNode } {
  const parts = childrenOf(expectTag(node, DerTag.SEQUENCE, 'Extension'));
  const oid = decodeOid(expectPresent(parts[0], 'extnID'));
  const critical = parts[1]?.tag === DerTag.BOOLEAN && parts[1].content[0] !== 0;
  const octets = expectTag(parts[parts.length - 1], DerTag.OCTET_STRING, 'extnValue');
  return { oid, critical, value: readSingleDer(octets.content) };
}

function digestOfAlgorithm(node: DerNode): DigestName {
  const oid = decodeOid(expectPresent(childrenOf(node)[0], 'algorithm'));
  const digest = DIGEST_OF_SIGNATURE_OID[oid];
  if (!digest) throw new DerError(`unsupported CRL signature algorithm ${oid}`);
  return digest;
}

function isTime(node: DerNode | undefined): node is DerNode {
  return node?.tag === DerTag.UTC_TIME || node?.tag === DerTag.GENERALIZED_TIME;
}

function expectPresent(node: DerNode | undefined, what: string): DerNode {
  if (!node) throw new DerError(`${what} is missing`);
  return node;
}
