import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityOf } from './certificate.inspector';
import { issuePartyCertificate, renewPartyCertificate, revokeCertificate } from './pki.lifecycle';
import { initDevelopmentPki, PkiStore } from './pki.store';
import { RevocationList } from './revocation.list';
import { publishRevocationList } from './revocation.publisher';

/** Runs openssl; its exit status and everything it printed (openssl reports on both streams). */
function openssl(args: string[], cwd: string): { status: number; output: string } {
  const run = spawnSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: run.status ?? -1, output: `${run.stdout.toString()}${run.stderr.toString()}` };
}

// docs/overview.md (Trust) and issue 5: certificates, requests and revocation lists interoperate with OpenSSL.
describe('PKI lifecycle with OpenSSL', () => {
  let dir: string;
  let store: PkiStore;
  let revokedSerial: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcms-pki-openssl-'));
    store = initDevelopmentPki(join(dir, 'pki'), { parties: ['NP-ML', 'NP-BF'] });
    writeFileSync(join(dir, 'ca.crt'), store.caCertificatePem());
    writeFileSync(join(dir, 'valid.crt'), store.credential('NP-ML').certificatePem);
    writeFileSync(join(dir, 'renewed.crt'), renewPartyCertificate(store, 'NP-ML').certificatePem);
    writeFileSync(join(dir, 'revoked.crt'), store.credential('NP-BF').certificatePem);
    revokedSerial = store.credential('NP-BF').serialNumber;
    revokeCertificate(store, revokedSerial, 'keyCompromise');
    writeFileSync(join(dir, 'crl.pem'), publishRevocationList(store).crlPem);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('openssl verify accepts issued and renewed certificates', () => {
    for (const file of ['valid.crt', 'renewed.crt']) {
      expect(openssl(['verify', '-CAfile', 'ca.crt', file], dir)).toEqual({
        status: 0,
        output: `${file}: OK\n`,
      });
    }
  });

  it('openssl verify -crl_check refuses the revoked certificate and passes a valid one', () => {
    const check = (file: string) =>
      openssl(['verify', '-crl_check', '-CAfile', 'ca.crt', '-CRLfile', 'crl.pem', file], dir);

    const revoked = check('revoked.crt');
    expect(revoked.status).not.toBe(0);
    expect(revoked.output).toContain('certificate revoked');
    expect(check('valid.crt').status).toBe(0);
    expect(check('renewed.crt').status).toBe(0);
  });

  it('openssl crl reads the list, its number, issuer key id, revoked serial and reason', () => {
    const { status, output } = openssl(
      ['crl', '-in', 'crl.pem', '-noout', '-text', '-CAfile', 'ca.crt'],
      dir,
    );

    expect(status).toBe(0);
    expect(output).toContain('verify OK');
    expect(output).toContain('Version 2');
    expect(output).toMatch(/X509v3 CRL Number:\s+\d+/);
    expect(output).toContain('X509v3 Authority Key Identifier');
    expect(output).toContain(`Serial Number: ${revokedSerial.toUpperCase()}`);
    expect(output).toContain('Key Compromise');
  });

  it('our RevocationList reads a CRL that openssl signed', () => {
    // openssl ca needs its own database: a minimal one, revoking NP-BF as OpenSSL would.
    writeFileSync(join(dir, 'ca.key'), store.caCredential().privateKeyPem, { mode: 0o600 });
    const subject = openssl(['x509', '-in', 'revoked.crt', '-noout', '-subject', '-nameopt', 'compat'], dir)
      .output.replace(/^subject=/, '')
      .trim();
    writeFileSync(
      join(dir, 'index.txt'),
      `R\t491231235959Z\t260101000000Z,keyCompromise\t${revokedSerial.toUpperCase()}\tunknown\t${subject}\n`,
    );
    writeFileSync(join(dir, 'crlnumber'), '1000\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=7\ncertificate=ca.crt\nprivate_key=ca.key\n',
    );

    const made = openssl(['ca', '-config', 'ca.cnf', '-gencrl', '-out', 'openssl-crl.pem'], dir);
    expect(made).toMatchObject({ status: 0 });
    const sut = RevocationList.fromPem(
      readFileSync(join(dir, 'openssl-crl.pem'), 'utf8'),
      store.caCertificatePem(),
    );

    expect(sut.isRevoked(revokedSerial)).toBe(true);
    expect(sut.isRevoked(store.credential('NP-ML').serialNumber)).toBe(false);
    expect(sut.crlNumber).toBe(String(0x1000));
  });

  it('issues a request made by openssl req, and the result verifies with openssl and identityOf', () => {
    const made = openssl(
      [
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'np-td.key',
        '-out',
        'np-td.csr',
        '-subj',
        '/CN=NP-TD/OU=platform/O=PCMS',
      ],
      dir,
    );
    expect(made.status).toBe(0);

    const credential = issuePartyCertificate(store, {
      id: 'NP-TD',
      role: 'platform',
      requestPem: readFileSync(join(dir, 'np-td.csr'), 'utf8'),
    });
    writeFileSync(join(dir, 'np-td.crt'), credential.certificatePem);

    expect(openssl(['verify', '-CAfile', 'ca.crt', 'np-td.crt'], dir).status).toBe(0);
    expect(identityOf(credential.certificatePem)).toEqual({ id: 'NP-TD', role: 'platform' });
    // The certificate is for the key that stayed with openssl.
    const modulus = (args: string[]) => openssl([...args, '-noout', '-modulus'], dir).output;
    expect(modulus(['x509', '-in', 'np-td.crt'])).toBe(modulus(['rsa', '-in', 'np-td.key']));
  });
});
