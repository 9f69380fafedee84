import type { OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import type { GatewayMetrics } from '@pcms/observability';
import { CertificateExpiryMonitor } from './certificate-expiry.monitor';
import type { MaintenanceLogger } from './maintenance.logger';
import { PkiMaintenanceSchedule, type PkiMaintenanceTask } from './pki-maintenance.schedule';
import { RevocationMetrics } from './revocation.metrics';
import { RevocationWatcher, type RevocationTarget } from './revocation.watcher';

export interface PkiMaintenanceDependencies {
  /** The process's SignatureVerifier. */
  verifier: RevocationTarget;
  metrics: GatewayMetrics;
  logger: MaintenanceLogger;
  caCertificatePem: string;
}

const MINUTE_MS = 60_000;
const EXPIRY_CHECK_EVERY_MS = 24 * 60 * MINUTE_MS;

/**
 * A gateway process's PKI upkeep: the revocation list enforced from before the first message is
 * consumed (module init precedes listening), reloaded on change and on schedule; certificate
 * expiry checked at start and daily. Stopped with the app.
 */
export class PkiMaintenance implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  readonly revocation: RevocationWatcher;
  readonly expiry: CertificateExpiryMonitor;
  private readonly schedule: PkiMaintenanceSchedule;

  constructor(config: LoadedConfig, dependencies: PkiMaintenanceDependencies) {
    const { verifier, metrics, logger, caCertificatePem } = dependencies;
    this.revocation = new RevocationWatcher({
      pkiDirectory: config.paths.pki,
      caCertificatePem,
      target: verifier,
      logger,
      metrics: new RevocationMetrics(metrics.registry),
    });
    this.expiry = new CertificateExpiryMonitor({
      pkiDirectory: config.paths.pki,
      warningDays: config.pki.expiryWarningDays,
      metrics,
      logger,
      isRevoked: (serial) => this.revocation.current?.isRevoked(serial) ?? false,
    });
    this.schedule = new PkiMaintenanceSchedule({
      redisUrl: config.redis.url,
      keyPrefix: config.redis.keyPrefix,
      everyMs: {
        'crl-refresh': config.pki.crlRefreshMinutes * MINUTE_MS,
        'certificate-expiry': EXPIRY_CHECK_EVERY_MS,
      },
      logger,
    });
  }

  onModuleInit(): void {
    this.revocation.start();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.expiry.check();
    await this.schedule.start((task) => this.run(task));
  }

  async onApplicationShutdown(): Promise<void> {
    this.revocation.stop();
    await this.schedule.stop();
  }

  private run(task: PkiMaintenanceTask): void {
    switch (task) {
      case 'crl-refresh':
        this.revocation.reload();
        return;
      case 'certificate-expiry':
        this.expiry.check();
        return;
    }
  }
}
