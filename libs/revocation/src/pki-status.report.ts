import { CRL_FILE, RevocationList } from '@pcms/trust';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeOf } from './maintenance.logger';
import { assessExpiry, readPkiCertificates, type CertificateExpiry } from './pki-certificates.reader';

export interface CertificateStatus extends CertificateExpiry {
  revoked: boolean;
}

export type RevocationListStatus =
  | { state: 'absent' }
  | { state: 'refused'; code: string }
  | { state: 'loaded'; thisUpdate: string; nextUpdate?: string; revokedCount: number; stale: boolean };

export interface PkiStatus {
  warningDays: number;
  certificates: CertificateStatus[];
  revocationList: RevocationListStatus;
}

/** What `status` shows of the PKI: each certificate's days to expiry, and the revocation list. */
export function pkiStatus(
  directory: string,
  caCertificatePem: string,
  warningDays: number,
  now = new Date(),
): PkiStatus {
  const { list, status } = readRevocationList(directory, caCertificatePem, now);
  const certificates = assessExpiry(readPkiCertificates(directory), now, warningDays).map((certificate) => ({
    ...certificate,
    revoked: list?.isRevoked(certificate.serial) ?? false,
  }));
  return { warningDays, certificates, revocationList: status };
}

function readRevocationList(
  directory: string,
  caCertificatePem: string,
  now: Date,
): { list?: RevocationList; status: RevocationListStatus } {
  const file = join(directory, CRL_FILE);
  if (!existsSync(file)) return { status: { state: 'absent' } };
  try {
    const list = RevocationList.fromPem(readFileSync(file, 'utf8'), caCertificatePem);
    return {
      list,
      status: {
        state: 'loaded',
        thisUpdate: list.thisUpdate.toISOString(),
        nextUpdate: list.nextUpdate?.toISOString(),
        revokedCount: list.revokedSerials.length,
        stale: list.nextUpdate !== undefined && list.nextUpdate < now,
      },
    };
  } catch (error: unknown) {
    return { status: { state: 'refused', code: codeOf(error) } };
  }
}
