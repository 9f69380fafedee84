import { buildCrlPem, CrlEntry } from './crl.codec';
import type { PkiStore } from './pki.store';

export interface PublishCrlOptions {
  /** nextUpdate = thisUpdate + this many days; the list must be republished before then. */
  validityDays?: number;
  now?: Date;
}

export interface PublishedCrl {
  crlPem: string;
  crlNumber: number;
  thisUpdate: Date;
  nextUpdate: Date;
  revokedCount: number;
  file: string;
}

export const DEFAULT_CRL_VALIDITY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Signs a new revocation list of every certificate the index marks revoked and writes it to
 * `<pki>/crl.pem` (RFC 5280 §5: thisUpdate, nextUpdate, CRL number, authority key identifier).
 */
export function publishRevocationList(store: PkiStore, options: PublishCrlOptions = {}): PublishedCrl {
  const thisUpdate = options.now ?? new Date();
  const nextUpdate = new Date(
    thisUpdate.getTime() + (options.validityDays ?? DEFAULT_CRL_VALIDITY_DAYS) * DAY_MS,
  );
  const entries: CrlEntry[] = Object.entries(store.certificates())
    .filter(([, record]) => record.status === 'revoked')
    .map(([serialHex, record]) => ({
      serialHex,
      revocationDate: new Date(record.revokedAt ?? thisUpdate),
      reason: record.reason,
    }));
  const issuer = store.caCredential();
  const crlNumber = store.nextCrlNumber();
  const crlPem = buildCrlPem({ issuer, entries, crlNumber, thisUpdate, nextUpdate });
  store.writeCrl(crlPem);
  return { crlPem, crlNumber, thisUpdate, nextUpdate, revokedCount: entries.length, file: store.crlFile };
}
