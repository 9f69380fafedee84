// Revocation and expiry in the running gateway: a list published into its PKI folder after start
// is enforced at once, a list the CA did not sign changes nothing, certificates near expiry are
// flagged (metric, status), and every refusal is counted.
import { canonicalBytes } from '@pcms/envelope';
import type { PkiStatus } from '@pcms/revocation';
import { CmsSigner, issueCertificate, PkiStore, type Credential } from '@pcms/trust';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { runCli } from '../support/cli-runner';
import { GatewayHarness } from '../support/gateway.harness';
import { opensslCrl, withBrokenSignature } from './openssl-crl.fixture';

jest.setTimeout(120_000);

const POLL = { timeoutMs: 30_000, intervalMs: 100 };

describe('revocation and expiry in the running gateway', () => {
  let gateway: GatewayHarness;
  let soon: Credential;

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    soon = issueCertificate({
      issuer: gateway.pki.ca,
      subjectId: 'NP-SOON',
      role: 'platform',
      validityDays: 5,
    });
    PkiStore.open(gateway.config.paths.pki).write('NP-SOON', soon);
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  const serialOf = (id: 'NP-BF' | 'NP-ML'): string => gateway.pki.platforms[id].serialNumber;

  async function statusJson(): Promise<{ pki: PkiStatus }> {
    return JSON.parse((await runCli(gateway.config, 'status', '--json')).output) as { pki: PkiStatus };
  }

  function publishCrl(pem: string): void {
    writeFileSync(join(gateway.config.paths.pki, 'crl.pem'), pem);
  }

  async function metricLine(app: string, pattern: RegExp): Promise<void> {
    await expectEventually(async () => expect(await gateway.metrics(app)).toMatch(pattern), POLL);
  }

  async function crosses(messageId: string): Promise<void> {
    await expectEventually(async () => {
      expect((await gateway.inbox.receipts()).map((receipt) => receipt.messageId)).toContain(messageId);
    }, POLL);
  }

  it('flags a certificate expiring within the warning window, in /metrics and in status --json', async () => {
    const gauge = new RegExp(
      `^pcms_certificate_days_to_expiry\\{[^}]*id="NP-SOON",serial="${soon.serialNumber}"[^}]*\\} 4$`,
      'm',
    );
    await metricLine('pcms-adapter', gauge);
    await metricLine('i247-adapter', gauge);

    const { pki } = await statusJson();

    expect(pki.warningDays).toBe(gateway.config.pki.expiryWarningDays);
    expect(pki.certificates.find((c) => c.id === 'NP-SOON')).toMatchObject({
      daysToExpiry: 4,
      expiring: true,
    });
    expect(pki.certificates.filter((c) => c.expiring).map((c) => c.id)).toEqual(['NP-SOON']);
    // The test PKI publishes an empty list, as `pki init` does.
    expect(pki.revocationList).toMatchObject({ state: 'loaded', revokedCount: 0 });
  });

  it('counts a tampered message it dead-letters', async () => {
    const message = personWanted();
    const body = canonicalBytes(message);
    const tampered = Buffer.from(body.toString('utf8').replace('"familyName":"', '"familyName":"X'));

    await gateway
      .platform('NP-ML')
      .submitSigned(tampered, new CmsSigner(gateway.pki.platforms['NP-ML']).sign(body), message.id);

    expect(await gateway.deadLetterOf(message.id)).toMatchObject({
      code: 'SIGNATURE_INVALID',
      stage: 'verify',
    });
    await metricLine(
      'pcms-adapter',
      /^pcms_messages_rejected_total\{[^}]*code="SIGNATURE_INVALID",stage="verify"[^}]*\} 1$/m,
    );
  });

  it('refuses the next message of a platform revoked after start, while another platform still crosses', async () => {
    publishCrl(opensslCrl(gateway.pki.ca, [serialOf('NP-BF')]));
    await metricLine('pcms-adapter', /^pcms_revocation_list_revoked_certificates\{[^}]*\} 1$/m);
    await metricLine('i247-adapter', /^pcms_revocation_list_revoked_certificates\{[^}]*\} 1$/m);
    const revoked = personWanted({ sender: 'NP-BF' });
    const good = personWanted();

    await gateway.platform('NP-BF').submit(revoked);
    await gateway.platform('NP-ML').submit(good);

    expect(await gateway.deadLetterOf(revoked.id)).toMatchObject({
      code: 'CERTIFICATE_REVOKED',
      stage: 'verify',
    });
    await crosses(good.id);
    await metricLine(
      'pcms-adapter',
      /^pcms_messages_rejected_total\{[^}]*code="CERTIFICATE_REVOKED",stage="verify"[^}]*\} 1$/m,
    );
    const { pki } = await statusJson();
    expect(pki.revocationList).toMatchObject({ state: 'loaded', revokedCount: 1, stale: false });
    expect(pki.certificates.find((c) => c.id === 'NP-BF')?.revoked).toBe(true);
  });

  it('refuses a list with a broken signature and keeps enforcing the one in force', async () => {
    publishCrl(withBrokenSignature(opensslCrl(gateway.pki.ca, [serialOf('NP-ML')])));
    await metricLine(
      'pcms-adapter',
      /^pcms_revocation_list_refused_total\{[^}]*code="CRL_INVALID"[^}]*\} 1$/m,
    );
    const stillRevoked = personWanted({ sender: 'NP-BF' });
    const stillGood = personWanted();

    await gateway.platform('NP-BF').submit(stillRevoked);
    await gateway.platform('NP-ML').submit(stillGood);

    expect(await gateway.deadLetterOf(stillRevoked.id)).toMatchObject({ code: 'CERTIFICATE_REVOKED' });
    await crosses(stillGood.id);
    expect((await statusJson()).pki.revocationList).toEqual({ state: 'refused', code: 'CRL_INVALID' });
  });
});
