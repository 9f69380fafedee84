import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, TestPki } from '@pcms/trust/testing';
import { CmsSigner } from './cms.signer';
import { SignatureVerifier } from './signature.verifier';

/** Runs openssl; resolves to its exit status and output instead of throwing on failure. */
function openssl(args: string[], cwd: string): { status: number; output: string } {
  try {
    const output = execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status?: number; stderr?: Buffer };
    return { status: failed.status ?? -1, output: failed.stderr?.toString() ?? '' };
  }
}

// What the gateway signs, OpenSSL accepts, and the reverse (docs/overview.md, Trust).
describe(`${CmsSigner.name} and ${SignatureVerifier.name} with OpenSSL`, () => {
  let pki: TestPki;
  let dir: string;
  const data = Buffer.from(
    '<Notice xmlns="urn:pcms:i247:notice:1"><noticeId>2026/00042</noticeId></Notice>\n',
  );

  beforeAll(() => {
    pki = createTestPki();
    dir = mkdtempSync(join(tmpdir(), 'pcms-trust-openssl-'));
    writeFileSync(join(dir, 'ca.crt'), pki.ca.certificatePem);
    writeFileSync(join(dir, 'foreign-ca.crt'), pki.foreignCa.certificatePem);
    writeFileSync(join(dir, 'np-ml.crt'), pki.platforms['NP-ML'].certificatePem);
    writeFileSync(join(dir, 'np-ml.key'), pki.platforms['NP-ML'].privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'gateway.crt'), pki.gateway.certificatePem);
    writeFileSync(join(dir, 'expired.crt'), pki.expired.certificatePem);
    writeFileSync(join(dir, 'data.bin'), data);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cmsVerify = (signatureFile: string, contentFile: string, caFile = 'ca.crt') =>
    openssl(
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        signatureFile,
        '-content',
        contentFile,
        '-CAfile',
        caFile,
        // No `-purpose any`: OpenSSL's default CMS check (smime_sign purpose) must accept our certificates.
        '-out',
        '/dev/null',
      ],
      dir,
    );

  it('openssl cms -verify accepts our detached signature', () => {
    writeFileSync(join(dir, 'ours.p7s'), new CmsSigner(pki.platforms['NP-ML']).sign(data));

    const result = cmsVerify('ours.p7s', 'data.bin');

    expect(result).toEqual({ status: 0, output: '' });
  });

  it('openssl cms -verify accepts a freshly issued gateway certificate with its default purpose check', () => {
    writeFileSync(join(dir, 'gateway.p7s'), new CmsSigner(pki.gateway).sign(data));

    const result = cmsVerify('gateway.p7s', 'data.bin');

    expect(result).toEqual({ status: 0, output: '' });
  });

  it('openssl cms -verify rejects our signature over other content', () => {
    writeFileSync(join(dir, 'ours.p7s'), new CmsSigner(pki.platforms['NP-ML']).sign(data));
    writeFileSync(join(dir, 'other.bin'), Buffer.concat([data, Buffer.from('x')]));

    expect(cmsVerify('ours.p7s', 'other.bin').status).not.toBe(0);
  });

  it('openssl cms -verify rejects our signature under a foreign CA', () => {
    writeFileSync(join(dir, 'ours.p7s'), new CmsSigner(pki.platforms['NP-ML']).sign(data));

    expect(cmsVerify('ours.p7s', 'data.bin', 'foreign-ca.crt').status).not.toBe(0);
  });

  it("our verifier accepts OpenSSL's detached signature", () => {
    const signed = openssl(
      [
        'cms',
        '-sign',
        '-binary',
        '-outform',
        'DER',
        '-in',
        'data.bin',
        '-signer',
        'np-ml.crt',
        '-inkey',
        'np-ml.key',
        '-out',
        'openssl.p7s',
      ],
      dir,
    );
    expect(signed.status).toBe(0);
    const sut = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] });

    const result = sut.verify(data, readFileSync(join(dir, 'openssl.p7s')), { expectedSigner: 'NP-ML' });

    expect(result.signerId).toBe('NP-ML');
    expect(result.signingTime).toBeInstanceOf(Date);
  });

  it('openssl verify accepts the certificates we issue and refuses the expired one', () => {
    expect(openssl(['verify', '-CAfile', 'ca.crt', 'np-ml.crt', 'gateway.crt'], dir)).toEqual({
      status: 0,
      output: 'np-ml.crt: OK\ngateway.crt: OK\n',
    });
    expect(openssl(['verify', '-CAfile', 'ca.crt', 'expired.crt'], dir).output).toContain(
      'certificate has expired',
    );
  });
});
