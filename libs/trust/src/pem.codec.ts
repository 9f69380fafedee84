/** PEM (RFC 7468) blocks other than certificates: requests and revocation lists. */

export type PemLabel = 'CERTIFICATE' | 'CERTIFICATE REQUEST' | 'NEW CERTIFICATE REQUEST' | 'X509 CRL';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]+)-----END \1-----/;

/** The label and DER of the first PEM block; undefined when there is none. */
export function firstPemBlock(pem: string): { label: string; der: Buffer } | undefined {
  const match = PEM_BLOCK.exec(pem);
  if (!match) return undefined;
  return { label: match[1], der: Buffer.from(match[2].replace(/\s+/g, ''), 'base64') };
}

export function derToPemAs(der: Buffer, label: PemLabel): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
