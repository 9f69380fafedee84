import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One certificate found in the PKI folder: what expiry and status reports need, never key material. */
export interface PkiCertificate {
  /** The file's name without `.crt`: a party id, or `ca`. */
  id: string;
  /** Lower-case hex, as PkiStore and the revocation list name serials. */
  serial: string;
  notAfter: Date;
  /** The subject's OU (`platform`, `gateway`, `authority`…), when it names one. */
  role?: string;
}

export interface CertificateExpiry extends PkiCertificate {
  /** Whole days left, rounded down; negative once expired. */
  daysToExpiry: number;
  /** Expired, or expiring within the warning window. */
  expiring: boolean;
}

const CERTIFICATE_FILE = /\.crt$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every `<id>.crt` at the top of the PKI folder. A file that cannot be read as a certificate is
 * reported through `onUnreadable` and skipped, so one bad file does not hide the others.
 */
export function readPkiCertificates(
  directory: string,
  onUnreadable: (file: string, cause: unknown) => void = () => undefined,
): PkiCertificate[] {
  const certificates: PkiCertificate[] = [];
  for (const file of readdirSync(directory)
    .filter((name) => CERTIFICATE_FILE.test(name))
    .sort()) {
    try {
      const certificate = new X509Certificate(readFileSync(join(directory, file)));
      const role = certificate.subject
        .split('\n')
        .find((part) => part.startsWith('OU='))
        ?.slice('OU='.length);
      certificates.push({
        id: basename(file, '.crt'),
        serial: certificate.serialNumber.toLowerCase(),
        notAfter: new Date(certificate.validTo),
        ...(role ? { role } : {}),
      });
    } catch (cause: unknown) {
      onUnreadable(file, cause);
    }
  }
  return certificates;
}

/** Days to expiry of each certificate, flagging those within `warningDays` of it (or past it). */
export function assessExpiry(
  certificates: readonly PkiCertificate[],
  now: Date,
  warningDays: number,
): CertificateExpiry[] {
  return certificates.map((certificate) => {
    const remainingMs = certificate.notAfter.getTime() - now.getTime();
    return {
      ...certificate,
      daysToExpiry: Math.floor(remainingMs / DAY_MS),
      expiring: remainingMs <= warningDays * DAY_MS,
    };
  });
}
