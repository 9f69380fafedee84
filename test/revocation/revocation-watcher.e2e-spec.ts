// The watcher on a real folder with lists made by OpenSSL: loads at start, follows the file,
// refuses what the CA did not sign and keeps the list in force.
import { RevocationMetrics, RevocationWatcher, type MaintenanceLogger } from '@pcms/revocation';
import { type RevocationList } from '@pcms/trust';
import { writeTestPki } from '@pcms/trust/testing';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { expectEventually } from '../support/expect-eventually';
import { opensslCrl, withBrokenSignature } from './openssl-crl.fixture';

describe(RevocationWatcher.name, () => {
  const { directory, pki } = writeTestPki();
  const crlFile = join(directory, 'crl.pem');
  const serialOf = (id: 'NP-BF' | 'NP-ML') => pki.platforms[id].serialNumber;
  const lines: { level: string; fields: object; message: string }[] = [];
  const record =
    (level: string) =>
    (fields: object, message: string): void =>
      void lines.push({ level, fields, message });
  const logger: MaintenanceLogger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  const swapped: (RevocationList | undefined)[] = [];
  const registry = new Registry();
  const metrics = new RevocationMetrics(registry);
  let sut: RevocationWatcher;

  beforeEach(() => {
    rmSync(crlFile, { force: true });
    lines.length = 0;
    swapped.length = 0;
    sut = new RevocationWatcher({
      pkiDirectory: directory,
      caCertificatePem: pki.ca.certificatePem,
      target: { useRevocation: (list) => void swapped.push(list) },
      logger,
      metrics,
      debounceMs: 20,
    });
  });

  afterEach(() => sut.stop());
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('starts with nothing revoked when no list is published, and says so', () => {
    expect(sut.start()).toBe('absent');

    expect(sut.current).toBeUndefined();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'info', message: expect.stringContaining('no revocation list') }),
    );
  });

  it('loads a list published after start and swaps it into the verifier', async () => {
    sut.start();

    writeFileSync(crlFile, opensslCrl(pki.ca, [serialOf('NP-BF')]));

    await expectEventually(() => expect(sut.current?.isRevoked(serialOf('NP-BF'))).toBe(true), {
      timeoutMs: 20_000,
    });
    expect(swapped).toEqual([sut.current]);
    expect(sut.current?.isRevoked(serialOf('NP-ML'))).toBe(false);
    expect(await registry.getSingleMetricAsString('pcms_revocation_list_revoked_certificates')).toMatch(
      / 1$/m,
    );
  });

  it('refuses a list whose signature is broken, logs its code and keeps the one in force', async () => {
    writeFileSync(crlFile, opensslCrl(pki.ca, [serialOf('NP-BF')]));
    sut.start();
    const inForce = sut.current;

    writeFileSync(crlFile, withBrokenSignature(opensslCrl(pki.ca, [serialOf('NP-ML')])));

    await expectEventually(
      () =>
        expect(lines).toContainEqual(
          expect.objectContaining({
            level: 'error',
            fields: expect.objectContaining({ code: 'CRL_INVALID' }),
          }),
        ),
      { timeoutMs: 20_000 },
    );
    expect(sut.current).toBe(inForce);
    expect(sut.current?.isRevoked(serialOf('NP-BF'))).toBe(true);
    expect(sut.current?.isRevoked(serialOf('NP-ML'))).toBe(false);
  });

  it('refuses a list signed by another CA', () => {
    writeFileSync(crlFile, opensslCrl(pki.foreignCa, [serialOf('NP-BF')]));

    expect(sut.reload()).toBe('refused');
    expect(sut.current).toBeUndefined();
    expect(swapped).toEqual([]);
  });

  it('keeps the list in force when its file is removed: losing a file un-revokes no one', () => {
    writeFileSync(crlFile, opensslCrl(pki.ca, [serialOf('NP-BF')]));
    sut.start();

    rmSync(crlFile);

    expect(sut.reload()).toBe('unchanged');
    expect(sut.current?.isRevoked(serialOf('NP-BF'))).toBe(true);
  });

  it('does not swap again when the file is unchanged', () => {
    writeFileSync(crlFile, opensslCrl(pki.ca, [serialOf('NP-BF')]));
    sut.start();

    expect(sut.reload()).toBe('unchanged');
    expect(swapped).toHaveLength(1);
  });
});
