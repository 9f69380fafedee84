// The certificate profile of a judicial authority (issue 15): it signs what it sends to the
// gateway (CMS, S/MIME purpose), is a TLS client of the gateway's judicial door, and serves the
// gateway's deliveries (TLS server). OpenSSL, not only our code, must accept it for each job.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { createTestPki, TestPki } from '@pcms/trust/testing';
import { identityOf } from './certificate.inspector';
import { issueCertificate } from './certificate.issuer';
import { SignatureVerifier } from './signature.verifier';

function openssl(args: string[], cwd: string): { status: number; output: string } {
  try {
    const output = execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status?: number; stdout?: Buffer; stderr?: Buffer };
    return {
      status: failed.status ?? -1,
      output: `${failed.stdout?.toString() ?? ''}${failed.stderr?.toString() ?? ''}`,
    };
  }
}

describe(`${issueCertificate.name} for role authority`, () => {
  let pki: TestPki;
  let dir: string;
  const content = Buffer.from('{"type":"judicial.status","from":"NE-CA"}');

  beforeAll(() => {
    pki = createTestPki();
    dir = mkdtempSync(join(tmpdir(), 'pcms-authority-openssl-'));
    writeFileSync(join(dir, 'ca.crt'), pki.ca.certificatePem);
    writeFileSync(join(dir, 'ne-ca.crt'), pki.authority('NE-CA').certificatePem);
    writeFileSync(join(dir, 'ne-ca.key'), pki.authority('NE-CA').privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'np-ml.crt'), pki.platforms['NP-ML'].certificatePem);
    writeFileSync(join(dir, 'content.json'), content);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the directory id and the role: CN=<id>, OU=authority, O=PCMS', () => {
    const sut = new X509Certificate(pki.authority('NE-CA').certificatePem);

    expect(sut.subject.split('\n')).toEqual(['O=PCMS', 'OU=authority', 'CN=NE-CA']);
    expect(identityOf(pki.authority('NE-CA').certificatePem)).toEqual({ id: 'NE-CA', role: 'authority' });
    expect(sut.subjectAltName).toContain('URI:urn:pcms:party:NE-CA');
    expect(sut.checkHost('localhost')).toBe('localhost');
    expect(sut.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('carries digitalSignature, nonRepudiation, keyEncipherment; clientAuth, serverAuth, emailProtection', () => {
    const pem = pki.authority('NE-CA').certificatePem;
    const sut = forge.pki.certificateFromPem(pem);

    expect(sut.getExtension('keyUsage')).toMatchObject({
      critical: true,
      digitalSignature: true,
      nonRepudiation: true,
      keyEncipherment: true,
      keyCertSign: false,
    });
    expect(sut.getExtension('basicConstraints')).toMatchObject({ cA: false });
    expect(new X509Certificate(pem).keyUsage.sort()).toEqual([
      '1.3.6.1.5.5.7.3.1', // serverAuth
      '1.3.6.1.5.5.7.3.2', // clientAuth
      '1.3.6.1.5.5.7.3.4', // emailProtection
    ]);
  });

  it.each(['sslclient', 'sslserver', 'smimesign'])('openssl verify -purpose %s accepts it', (purpose) => {
    expect(openssl(['verify', '-purpose', purpose, '-CAfile', 'ca.crt', 'ne-ca.crt'], dir)).toEqual({
      status: 0,
      output: 'ne-ca.crt: OK\n',
    });
  });

  it('openssl verify -purpose sslserver refuses a platform certificate (the check can fail)', () => {
    const refused = openssl(['verify', '-purpose', 'sslserver', '-CAfile', 'ca.crt', 'np-ml.crt'], dir);

    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('unsuitable certificate purpose');
  });

  it('signs as OpenSSL does: openssl cms -sign with its key, verified by openssl and by our verifier', () => {
    const signed = openssl(
      [
        'cms',
        '-sign',
        '-binary',
        '-in',
        'content.json',
        '-signer',
        'ne-ca.crt',
        '-inkey',
        'ne-ca.key',
        '-outform',
        'DER',
        '-out',
        'content.p7s',
      ],
      dir,
    );
    expect(signed.status).toBe(0);

    const verified = openssl(
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        'content.p7s',
        '-content',
        'content.json',
        '-CAfile',
        'ca.crt',
        '-out',
        '/dev/null',
      ],
      dir,
    );
    expect(verified.status).toBe(0);
    const signature = readFileSync(join(dir, 'content.p7s'));
    const result = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] }).verify(
      content,
      signature,
    );
    expect(result).toMatchObject({ signerId: 'NE-CA', role: 'authority' });
  });
});
