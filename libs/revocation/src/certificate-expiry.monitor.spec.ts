import { GatewayMetrics } from '@pcms/observability';
import { issueCertificate } from '@pcms/trust';
import { writeTestPki } from '@pcms/trust/testing';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CertificateExpiryMonitor } from './certificate-expiry.monitor';
import type { MaintenanceLogger } from './maintenance.logger';

describe(CertificateExpiryMonitor.name, () => {
  const { directory, store, pki } = writeTestPki();
  const soon = issueCertificate({ issuer: pki.ca, subjectId: 'NP-SOON', role: 'platform', validityDays: 10 });
  store.write('NP-SOON', soon);
  const warnings: { fields: object; message: string }[] = [];
  const logger: MaintenanceLogger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields, message) => void warnings.push({ fields, message }),
    error: () => undefined,
  };

  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  beforeEach(() => (warnings.length = 0));

  function monitor(
    metrics: GatewayMetrics,
    isRevoked?: (serial: string) => boolean,
  ): CertificateExpiryMonitor {
    return new CertificateExpiryMonitor({
      pkiDirectory: directory,
      warningDays: 30,
      metrics,
      logger,
      isRevoked,
    });
  }

  it('publishes every certificate’s days to expiry and warns for the one within the window', async () => {
    const metrics = new GatewayMetrics('pcms-adapter');
    const sut = monitor(metrics);

    const report = sut.check();

    const flagged = report.filter((certificate) => certificate.expiring);
    expect(flagged.map((certificate) => certificate.id)).toEqual(['NP-SOON']);
    expect(flagged[0].daysToExpiry).toBe(9);
    const text = await metrics.registry.getSingleMetricAsString('pcms_certificate_days_to_expiry');
    expect(text).toContain(
      `pcms_certificate_days_to_expiry{id="NP-SOON",serial="${soon.serialNumber}",app="pcms-adapter"} 9`,
    );
    expect(text).toContain('id="NP-ML"');
    expect(warnings).toEqual([
      {
        fields: expect.objectContaining({ id: 'NP-SOON', serial: soon.serialNumber, daysToExpiry: 9 }),
        message: expect.stringContaining('expires soon'),
      },
    ]);
  });

  it('never puts key material in a warning', () => {
    monitor(new GatewayMetrics('router')).check();

    const logged = JSON.stringify(warnings);
    expect(logged).not.toContain('PRIVATE KEY');
    expect(logged).not.toContain('BEGIN');
  });

  it('calls an expired certificate expired, with negative days', () => {
    writeFileSync(join(directory, 'NP-OLD.crt'), pki.expired.certificatePem);
    try {
      const report = monitor(new GatewayMetrics('router')).check();

      expect(report.find((certificate) => certificate.id === 'NP-OLD')?.daysToExpiry).toBeLessThan(0);
      expect(warnings.map((warning) => warning.message)).toContainEqual(expect.stringContaining('expired'));
    } finally {
      rmSync(join(directory, 'NP-OLD.crt'));
    }
  });

  it('leaves revoked certificates out: they are out of service', async () => {
    const metrics = new GatewayMetrics('router');

    monitor(metrics, (serial) => serial === soon.serialNumber).check();

    expect(warnings).toEqual([]);
    expect(await metrics.registry.getSingleMetricAsString('pcms_certificate_days_to_expiry')).not.toContain(
      'NP-SOON',
    );
  });

  it('skips an unreadable file and reports it by name', () => {
    writeFileSync(join(directory, 'broken.crt'), 'not a certificate');
    try {
      const report = monitor(new GatewayMetrics('router')).check();

      expect(report.map((certificate) => certificate.id)).not.toContain('broken');
      expect(warnings).toContainEqual(
        expect.objectContaining({ fields: expect.objectContaining({ file: 'broken.crt' }) }),
      );
    } finally {
      rmSync(join(directory, 'broken.crt'));
    }
  });
});
