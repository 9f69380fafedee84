// The development PKI and the judicial network (issue 15): every authority of the shipped
// directory gets a certificate of role `authority`, on a new PKI and on one made before them.
import { loadConfig } from '@pcms/config';
import { loadJudicialDirectory } from '@pcms/judicial';
import { identityOf, initDevelopmentPki, PkiStore } from '@pcms/trust';
import { writeTestPki } from '@pcms/trust/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../support/cli-runner';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../..');

describe('pcms pki init and the judicial authorities', () => {
  const dirs: string[] = [];
  let authorityIds: string[];
  const configIn = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pcms-pki-authorities-'));
    dirs.push(dataDir);
    return loadConfig({ rootDir: ROOT, env: {}, overrides: { dataDir, autoInitPki: true } });
  };

  beforeAll(async () => {
    const directory = await loadJudicialDirectory(join(ROOT, 'config', 'judicial-directory.yaml'));
    authorityIds = directory.authorities.map((authority) => authority.id);
  });

  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('certifies every authority of the directory on a new PKI, CN = its id, role authority', async () => {
    const config = configIn();
    const started = Date.now();

    const sut = await runCli(config, 'pki', 'init', '--json');

    const elapsedMs = Date.now() - started;
    expect(sut.exitCode).toBe(0);
    const created = JSON.parse(sut.output) as {
      outcome: string;
      authorities: string[];
      parties: { id: string; role: string }[];
    };
    expect(created.outcome).toBe('created');
    expect(created.authorities).toEqual(authorityIds);
    expect(created.parties).toContainEqual({ id: 'JUDICIAL-PEER', role: 'peer' });
    expect(authorityIds.length).toBeGreaterThanOrEqual(45);
    const store = PkiStore.open(config.paths.pki);
    for (const id of authorityIds) {
      expect(identityOf(store.credential(id).certificatePem)).toEqual({ id, role: 'authority' });
      expect(store.credential(id).privateKeyPem).toContain('PRIVATE KEY');
    }
    // 54 RSA-2048 keys by OpenSSL, the authorities' in parallel: 5-15 s on the shared 2-core
    // machine under load (forge's JavaScript key generation would take minutes).
    expect(elapsedMs).toBeLessThan(60_000);

    // pcms status sums the authorities up in one line instead of one per certificate.
    const status = await runCli(config, 'status');
    expect(status.output).toContain(`${authorityIds.length} judicial authorities (role authority)`);
    expect(status.output).toMatch(/^ {2}GATEWAY /m);
    expect(status.output).not.toMatch(/^ {2}ML-CA /m);
  });

  it('adds the missing authorities to a development PKI made before them, once, keeping its keys', async () => {
    const config = configIn();
    const before = initDevelopmentPki(config.paths.pki);
    const gateway = before.credential('GATEWAY');
    expect(before.has(authorityIds[0])).toBe(false);

    const first = await runCli(config, 'pki', 'init', '--if-enabled');
    const second = await runCli(config, 'pki', 'init', '--if-enabled', '--json');

    expect(first.exitCode).toBe(0);
    // The authorities and the judicial peer's own certificate (it serves the gateway's deliveries).
    expect(first.output).toContain(`added ${authorityIds.length + 1} certificates it lacked`);
    expect(first.output).toContain(`${authorityIds.length + 1} certificats ajoutés`);
    expect(JSON.parse(second.output)).toEqual({ outcome: 'present', directory: config.paths.pki, added: [] });
    const after = PkiStore.open(config.paths.pki);
    expect(after.credential('GATEWAY')).toEqual(gateway);
    expect(identityOf(after.credential('JUDICIAL-PEER').certificatePem)).toEqual({
      id: 'JUDICIAL-PEER',
      role: 'peer',
    });
    expect(authorityIds.filter((id) => !after.has(id))).toEqual([]);
    const records = Object.values(after.certificates()).filter((record) => record.role === 'authority');
    expect(records).toHaveLength(authorityIds.length);
  });

  it('completes a development PKI interrupted after its CA: every party it never received', async () => {
    const config = configIn();
    initDevelopmentPki(config.paths.pki, { parties: [] });

    const sut = await runCli(config, 'pki', 'init', '--json');

    const added = (JSON.parse(sut.output) as { added: { id: string }[] }).added.map(({ id }) => id);
    expect(added).toEqual(
      expect.arrayContaining(['NP-ML', 'GATEWAY', 'I247-PEER', 'JUDICIAL-PEER', 'ML-CA']),
    );
    expect(added).toHaveLength(8 + 1 + authorityIds.length);
  });

  it('leaves a PKI whose CA is not the development one (an imported CA) as it is', async () => {
    const config = configIn();
    writeTestPki(config.paths.pki);

    const sut = await runCli(config, 'pki', 'init', '--json');

    expect(JSON.parse(sut.output)).toEqual({ outcome: 'present', directory: config.paths.pki, added: [] });
    expect(PkiStore.open(config.paths.pki).has('ML-CA')).toBe(false);
  });

  it('issues an authority certificate only for a directory authority', async () => {
    const config = configIn();
    initDevelopmentPki(config.paths.pki, { parties: ['GATEWAY'] });

    const unknown = await runCli(config, 'pki', 'issue', 'XX-CA', '--role', 'authority');
    const known = await runCli(config, 'pki', 'issue', 'ML-CA', '--role', 'authority', '--json');

    expect(unknown.exitCode).toBe(1);
    expect(unknown.errors).toMatch(
      /^AUTHORITY_UNKNOWN: XX-CA is not an authority of .*judicial-directory\.yaml/,
    );
    expect(unknown.errors).toContain('n’est pas une autorité');
    expect(PkiStore.open(config.paths.pki).has('XX-CA')).toBe(false);
    expect(known.exitCode).toBe(0);
    expect(JSON.parse(known.output)).toMatchObject({ id: 'ML-CA', role: 'authority' });
  });
});
