import { createHash } from 'node:crypto';

/**
 * A UUID derived from content (RFC 9562 §5.8, version 8: custom), so that the same inbound notice
 * received twice gets the same PCMS id and is dropped as a duplicate downstream.
 */
export function contentDerivedId(content: Buffer): string {
  const bytes = createHash('sha256').update(content).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
