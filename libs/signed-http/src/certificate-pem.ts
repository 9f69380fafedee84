import { X509Certificate } from 'node:crypto';

/** Node hands peer certificates over as DER (`raw`); the trust lib reads PEM. */
export function derToPem(der: Buffer): string {
  return new X509Certificate(der).toString();
}
