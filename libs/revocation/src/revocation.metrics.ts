import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * The revocation list a process enforces, as series beside the gateway's own: operators alert on
 * a refused list or a stale one, and tests see when a reload has happened.
 */
export class RevocationMetrics {
  readonly revokedCertificates: Gauge;
  readonly thisUpdateSeconds: Gauge;
  readonly refused: Counter<'code'>;

  constructor(registry: Registry) {
    this.revokedCertificates = new Gauge({
      name: 'pcms_revocation_list_revoked_certificates',
      help: 'Serials revoked by the revocation list in force (0 when none is published)',
      registers: [registry],
    });
    this.thisUpdateSeconds = new Gauge({
      name: 'pcms_revocation_list_this_update_seconds',
      help: 'thisUpdate of the revocation list in force, in Unix seconds',
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'pcms_revocation_list_refused_total',
      help: 'Revocation lists refused (unreadable, not signed by the CA, older than the one in force)',
      labelNames: ['code'] as const,
      registers: [registry],
    });
    this.revokedCertificates.set(0);
  }
}
