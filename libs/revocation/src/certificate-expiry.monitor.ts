import type { GatewayMetrics } from '@pcms/observability';
import type { MaintenanceLogger } from './maintenance.logger';
import { assessExpiry, readPkiCertificates, type CertificateExpiry } from './pki-certificates.reader';

export interface CertificateExpiryMonitorOptions {
  pkiDirectory: string;
  /** `pki.expiryWarningDays`. */
  warningDays: number;
  metrics: GatewayMetrics;
  logger: MaintenanceLogger;
  /** Revoked certificates are out of service: their expiry is nobody's concern. */
  isRevoked?: (serial: string) => boolean;
  now?: () => Date;
}

/**
 * Reads the PKI's certificates, publishes their days to expiry as the gauge
 * `pcms_certificate_days_to_expiry{id,serial}` and warns for each one expired or expiring within
 * the window, so that operators renew before platforms are refused.
 */
export class CertificateExpiryMonitor {
  constructor(private readonly options: CertificateExpiryMonitorOptions) {}

  check(): CertificateExpiry[] {
    const { pkiDirectory, warningDays, metrics, logger, isRevoked = () => false } = this.options;
    const certificates = readPkiCertificates(pkiDirectory, (file, cause) =>
      logger.warn(
        { file, error: cause instanceof Error ? cause.name : 'unknown' },
        'unreadable certificate skipped / certificat illisible ignoré',
      ),
    ).filter((certificate) => !isRevoked(certificate.serial));
    const report = assessExpiry(certificates, this.options.now?.() ?? new Date(), warningDays);

    // Reset first: a certificate removed or revoked since the last check leaves the gauge.
    metrics.certificateDaysToExpiry.reset();
    for (const { id, serial, daysToExpiry, expiring, notAfter } of report) {
      metrics.certificateDaysToExpiry.set({ id, serial }, daysToExpiry);
      if (expiring) {
        logger.warn(
          { id, serial, daysToExpiry, notAfter: notAfter.toISOString(), warningDays },
          daysToExpiry < 0
            ? 'certificate expired / certificat expiré'
            : 'certificate expires soon / certificat bientôt expiré',
        );
      }
    }
    return report;
  }
}
