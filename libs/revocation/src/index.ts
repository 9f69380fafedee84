export { CertificateExpiryMonitor, type CertificateExpiryMonitorOptions } from './certificate-expiry.monitor';
export type { MaintenanceLogger } from './maintenance.logger';
export {
  assessExpiry,
  readPkiCertificates,
  type CertificateExpiry,
  type PkiCertificate,
} from './pki-certificates.reader';
export { PkiMaintenance, type PkiMaintenanceDependencies } from './pki-maintenance.lifecycle';
export {
  PKI_MAINTENANCE_QUEUE,
  PKI_MAINTENANCE_TASKS,
  PkiMaintenanceSchedule,
  type PkiMaintenanceRunner,
  type PkiMaintenanceScheduleOptions,
  type PkiMaintenanceTask,
} from './pki-maintenance.schedule';
export {
  pkiStatus,
  type CertificateStatus,
  type PkiStatus,
  type RevocationListStatus,
} from './pki-status.report';
export { RevocationMetrics } from './revocation.metrics';
export {
  CRL_ROLLBACK,
  RevocationWatcher,
  type ReloadResult,
  type RevocationTarget,
  type RevocationWatcherOptions,
} from './revocation.watcher';
