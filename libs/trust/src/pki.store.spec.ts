import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTestPki, trustErrorOf } from '@pcms/trust/testing';
import { identityOf } from './certificate.inspector';
import { CmsSigner } from './cms.signer';
import {
  DEVELOPMENT_PARTIES,
  developmentParties,
  initDevelopmentPki,
  isDevelopmentPki,
  issueMissingParties,
  PkiStore,
} from './pki.store';
import { SignatureVerifier } from './signature.verifier';
import { TrustErrorCode } from './trust.error';

describe(PkiStore.name, () => {
  const dirs: string[] = [];
  const newDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pcms-pki-store-'));
    dirs.push(dir);
    return join(dir, 'pki');
  };

  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  describe(initDevelopmentPki.name, () => {
    let dir: string;
    let sut: PkiStore;

    beforeAll(() => {
      dir = newDir();
      sut = initDevelopmentPki(dir, { parties: ['NP-ML', 'GATEWAY', 'I247-PEER'] });
    });

    it('writes the CA and a certificate and key per party', () => {
      expect(readdirSync(dir).sort()).toEqual(
        [
          ...['GATEWAY', 'I247-PEER', 'NP-ML', 'ca'].flatMap((id) => [`${id}.crt`, `${id}.key`]),
          'crl.pem',
          'index.json',
          'issued',
        ].sort(),
      );
      expect(identityOf(sut.credential('GATEWAY').certificatePem)).toEqual({
        id: 'GATEWAY',
        role: 'gateway',
      });
      expect(identityOf(sut.credential('I247-PEER').certificatePem)).toEqual({
        id: 'I247-PEER',
        role: 'peer',
      });
    });

    it('keeps private keys and the index readable by their owner only', () => {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.key') || name === 'index.json')) {
        expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
      }
    });

    it('leaves an existing PKI untouched', () => {
      const before = sut.caCertificatePem();

      const again = initDevelopmentPki(dir, { parties: ['NP-BF'] });

      expect(again.caCertificatePem()).toBe(before);
      expect(again.has('NP-BF')).toBe(false);
    });

    it('gives credentials that sign and verify against the stored CA', () => {
      const store = PkiStore.open(dir);
      const verifier = new SignatureVerifier({ trustAnchorsPem: [store.caCertificatePem()] });
      const content = Buffer.from('payload');

      const result = verifier.verify(content, new CmsSigner(store.credential('NP-ML')).sign(content));

      expect(result.signerId).toBe('NP-ML');
      expect(store.credential('NP-ML').serialNumber).toMatch(/^[0-9a-f]{32}$/);
    });
  });

  describe('judicial authorities', () => {
    it('certifies each authority with role authority, CN = its directory id', async () => {
      const sut = initDevelopmentPki(newDir(), { parties: ['GATEWAY'] });

      await issueMissingParties(sut, developmentParties([], ['ML-CA', 'NE-PCJS-FP']));

      expect(identityOf(sut.credential('ML-CA').certificatePem)).toEqual({ id: 'ML-CA', role: 'authority' });
      expect(identityOf(sut.credential('NE-PCJS-FP').certificatePem)).toEqual({
        id: 'NE-PCJS-FP',
        role: 'authority',
      });
      const content = Buffer.from('a judicial status');
      const verifier = new SignatureVerifier({ trustAnchorsPem: [sut.caCertificatePem()] });
      expect(verifier.verify(content, new CmsSigner(sut.credential('ML-CA')).sign(content)).signerId).toBe(
        'ML-CA',
      );
      expect(isDevelopmentPki(sut)).toBe(true);
    });

    it('adds the missing authorities to a PKI made before them, keeping every existing key', async () => {
      const dir = newDir();
      const before = initDevelopmentPki(dir, { parties: ['NP-ML', 'GATEWAY'] });
      const keptGateway = before.credential('GATEWAY');
      const wanted = developmentParties(['NP-ML', 'GATEWAY'], ['ML-CA', 'SN-CA']);

      const added = await issueMissingParties(PkiStore.open(dir), wanted);
      const again = await issueMissingParties(PkiStore.open(dir), wanted);

      expect(added).toEqual([
        { id: 'ML-CA', role: 'authority' },
        { id: 'SN-CA', role: 'authority' },
      ]);
      expect(again).toEqual([]);
      const after = PkiStore.open(dir);
      expect(after.credential('GATEWAY')).toEqual(keptGateway);
      expect(identityOf(after.credential('SN-CA').certificatePem)).toEqual({
        id: 'SN-CA',
        role: 'authority',
      });
      const ids = Object.values(after.certificates()).map((record) => record.id);
      expect(ids.filter((id) => id === 'ML-CA')).toHaveLength(1);
    });

    it('tells a development PKI from another CA', () => {
      expect(isDevelopmentPki(writeTestPki(newDir()).store)).toBe(false);
    });

    it('refuses an authority id that could leave the folder', () => {
      expect(trustErrorOf(() => developmentParties([], ['../ML-CA'])).code).toBe(
        TrustErrorCode.CREDENTIAL_INVALID,
      );
    });
  });

  it('defaults to the six platforms, the gateway and the peer', () => {
    expect(DEVELOPMENT_PARTIES).toEqual([
      'NP-BF',
      'NP-TD',
      'NP-ML',
      'NP-MR',
      'NP-NE',
      'RP',
      'GATEWAY',
      'I247-PEER',
    ]);
  });

  it('refuses to open a folder without a CA', () => {
    const dir = newDir();

    expect(trustErrorOf(() => PkiStore.open(dir)).code).toBe(TrustErrorCode.CREDENTIAL_INVALID);
  });

  it('refuses ids that could leave the folder, and unknown parties', () => {
    const { store } = writeTestPki(newDir());

    expect(trustErrorOf(() => store.credential('../ca')).code).toBe(TrustErrorCode.CREDENTIAL_INVALID);
    expect(trustErrorOf(() => store.credential('NP-XX')).code).toBe(TrustErrorCode.CREDENTIAL_INVALID);
  });

  it('never puts file content into its errors', () => {
    const { store, directory } = writeTestPki(newDir());
    writeFileSync(join(directory, 'NP-ML.crt'), 'SECRET-MATERIAL');

    const act = () => store.credential('NP-ML');

    expect(trustErrorOf(act).code).toBe(TrustErrorCode.CREDENTIAL_INVALID);
    expect(act).not.toThrow(/SECRET-MATERIAL/);
  });

  it('lays out the test PKI for other integration tests', () => {
    const { store, pki } = writeTestPki(newDir());

    expect(store.caCredential()).toEqual(pki.ca);
    expect(store.credential('RP')).toEqual(pki.platforms.RP);
  });
});
