import forge from 'node-forge';

/**
 * A minimal DER reader and writer (X.690). The CMS hot path needs raw byte slices (the signed
 * attributes as signed, the certificate as issued) and no object tree, so it works on Buffers
 * directly; node-forge's ASN.1 stays for the certificate structures.
 */

export const DerTag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
  CONTEXT_1: 0xa1,
  CONTEXT_0_PRIMITIVE: 0x80,
} as const;

export class DerError extends Error {
  override readonly name = 'DerError';
}

export interface DerNode {
  readonly tag: number;
  /** The whole encoding: tag, length and content. */
  readonly bytes: Buffer;
  readonly content: Buffer;
}

const MAX_LENGTH_OCTETS = 4;

export function readDer(buffer: Buffer, offset = 0): DerNode {
  if (offset + 2 > buffer.length) throw new DerError('truncated element header');
  const tag = buffer[offset];
  // High-tag-number form (X.690 §8.1.2.4) never occurs in the structures we read.
  if ((tag & 0x1f) === 0x1f) throw new DerError('unsupported high tag number');
  const first = buffer[offset + 1];
  let length: number;
  let headerLength: number;
  if (first < 0x80) {
    length = first;
    headerLength = 2;
  } else {
    const octets = first & 0x7f;
    // 0x80 is BER's indefinite length, which DER forbids (X.690 §10.1).
    if (octets === 0 || octets > MAX_LENGTH_OCTETS) throw new DerError('unsupported length form');
    if (offset + 2 + octets > buffer.length) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + buffer[offset + 2 + i];
    headerLength = 2 + octets;
  }
  const end = offset + headerLength + length;
  if (end > buffer.length) throw new DerError('element runs past the end of its container');
  return {
    tag,
    bytes: buffer.subarray(offset, end),
    content: buffer.subarray(offset + headerLength, end),
  };
}

/** Reads a buffer that must hold exactly one element. */
export function readSingleDer(buffer: Buffer): DerNode {
  const node = readDer(buffer);
  if (node.bytes.length !== buffer.length) throw new DerError('trailing bytes after element');
  return node;
}

export function childrenOf(node: DerNode): DerNode[] {
  if ((node.tag & 0x20) === 0) throw new DerError(`element 0x${node.tag.toString(16)} is not constructed`);
  const children: DerNode[] = [];
  let offset = 0;
  while (offset < node.content.length) {
    const child = readDer(node.content, offset);
    children.push(child);
    offset += child.bytes.length;
  }
  return children;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what} is missing`);
  if (node.tag !== tag)
    throw new DerError(`${what} has tag 0x${node.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return node;
}

export function decodeOid(node: DerNode): string {
  if (node.tag !== DerTag.OID || node.content.length === 0) throw new DerError('not an object identifier');
  return forge.asn1.derToOid(node.content.toString('binary'));
}

export function decodeTime(node: DerNode): Date {
  const text = node.content.toString('latin1');
  // RFC 5280 §4.1.2.5: UTCTime YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ.
  const match =
    node.tag === DerTag.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : node.tag === DerTag.GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (!match) throw new DerError('not a DER time');
  let year = Number(match[1]);
  if (node.tag === DerTag.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const [month, day, hour, minute, second] = match.slice(2).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (Number.isNaN(date.getTime())) throw new DerError('not a valid date');
  return date;
}

export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest & 0xff);
  return Buffer.from([0x80 | octets.length, ...octets]);
}

export function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const content = contents.length === 1 ? contents[0] : Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function encodeOid(oid: string): Buffer {
  return tlv(DerTag.OID, Buffer.from(forge.asn1.oidToDer(oid).getBytes(), 'binary'));
}

/** RFC 5652 §11.3: signing times from 1950 to 2049 are UTCTime, others GeneralizedTime. */
export function encodeTime(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(DerTag.UTC_TIME, Buffer.from(`${digits.slice(2)}Z`, 'latin1'))
    : tlv(DerTag.GENERALIZED_TIME, Buffer.from(`${digits}Z`, 'latin1'));
}

/** X.690 §11.6: the elements of a DER SET OF are sorted by their encodings. */
export function derSetOf(elements: Buffer[]): Buffer {
  return tlv(DerTag.SET, ...[...elements].sort((a, b) => Buffer.compare(a, b)));
}

/**
 * A serial number as this lib compares it: lower-case hex of the positive integer, no leading
 * zero octets. Node's X509Certificate, forge and openssl each print serials slightly differently.
 */
export function normalizeSerialHex(hex: string): string {
  const digits = hex
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .replace(/^0+/, '');
  if (digits === '') return '00';
  return digits.length % 2 === 0 ? digits : `0${digits}`;
}

/** The content octets of a DER INTEGER as a normalised serial. */
export function serialHexOfInteger(content: Buffer): string {
  return normalizeSerialHex(content.toString('hex'));
}

/** X.690 §8.3: a non-negative INTEGER gets a leading zero octet when its top bit is set. */
export function encodeUnsignedInteger(hex: string): Buffer {
  const bytes = Buffer.from(normalizeSerialHex(hex), 'hex');
  return tlv(DerTag.INTEGER, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}
