import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PartyRole } from './credential.model';
import { RevocationReason } from './revocation-reason';
import { TrustError, TrustErrorCode } from './trust.error';

export type CertificateStatus = 'valid' | 'revoked';

/** One certificate the CA issued, as the index keeps it. Dates are ISO 8601 strings. */
export interface CertificateRecord {
  id: string;
  role: PartyRole;
  notBefore: string;
  notAfter: string;
  status: CertificateStatus;
  revokedAt?: string;
  reason?: RevocationReason;
}

/** `index.json`: every issued certificate by normalised serial, and the last CRL number used. */
export interface PkiIndex {
  certificates: Record<string, CertificateRecord>;
  /** RFC 5280 §5.2.3: CRL numbers only ever grow. */
  lastCrlNumber: number;
}

export const INDEX_FILE = 'index.json';
const INDEX_FILE_MODE = 0o600;

export function readPkiIndex(directory: string): PkiIndex | undefined {
  const file = join(directory, INDEX_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<PkiIndex>;
    if (typeof parsed.certificates !== 'object' || parsed.certificates === null)
      throw new Error('no certificates');
    return {
      // A null prototype: serials are data, and '__proto__' must stay an ordinary key.
      certificates: Object.assign(
        Object.create(null) as Record<string, CertificateRecord>,
        parsed.certificates,
      ),
      lastCrlNumber: typeof parsed.lastCrlNumber === 'number' ? parsed.lastCrlNumber : 0,
    };
  } catch (cause) {
    throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, `${INDEX_FILE} in ${directory} cannot be read`, {
      cause,
    });
  }
}

/** Written to a temporary file then renamed, so a reader never sees half an index. */
export function writePkiIndex(directory: string, index: PkiIndex): void {
  const file = join(directory, INDEX_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(index, null, 2)}\n`, { mode: INDEX_FILE_MODE });
  chmodSync(temporary, INDEX_FILE_MODE);
  renameSync(temporary, file);
}
