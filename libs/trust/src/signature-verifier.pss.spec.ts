import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, TestPki } from '@pcms/trust/testing';
import { SignatureVerifier } from './signature.verifier';
import { TrustError, TrustErrorCode } from './trust.error';

// OpenSSL users choose RSA-PSS (`-keyopt rsa_padding_mode:pss`): what they sign is verified, and
// what the gateway does not verify (SHA-1 in the PSS parameters) is named, not called malformed.
describe(`${SignatureVerifier.name} with OpenSSL RSA-PSS signatures`, () => {
  let pki: TestPki;
  let dir: string;
  let sut: SignatureVerifier;
  const data = Buffer.from('{"id":"3f1c2a9e-1b2c-4d5e-8f90-000000000001","sender":"NP-ML"}');

  beforeAll(() => {
    pki = createTestPki();
    dir = mkdtempSync(join(tmpdir(), 'pcms-trust-pss-'));
    writeFileSync(join(dir, 'np-ml.crt'), pki.platforms['NP-ML'].certificatePem);
    writeFileSync(join(dir, 'np-ml.key'), pki.platforms['NP-ML'].privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'data.json'), data);
    sut = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `openssl cms -sign` detached, DER, with the given options after the signer. */
  function opensslSign(name: string, ...options: string[]): Buffer {
    const out = join(dir, `${name}.p7s`);
    execFileSync(
      'openssl',
      ['cms', '-sign', '-binary', '-in', 'data.json', '-signer', 'np-ml.crt', '-inkey', 'np-ml.key'].concat(
        options,
        ['-outform', 'DER', '-out', out],
      ),
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return readFileSync(out);
  }

  function refusal(act: () => unknown): TrustError {
    try {
      act();
    } catch (error: unknown) {
      return error as TrustError;
    }
    throw new Error('expected a refusal');
  }

  it.each([
    ['sha256', []],
    ['sha384', ['-md', 'sha384']],
    ['sha512, salt 32', ['-md', 'sha512', '-keyopt', 'rsa_pss_saltlen:32']],
  ])('verifies PSS with %s', (name, options) => {
    const signature = opensslSign(`pss-${name}`, '-keyopt', 'rsa_padding_mode:pss', ...options);

    expect(sut.verify(data, signature)).toMatchObject({ signerId: 'NP-ML' });
  });

  it('refuses a PSS signature over other bytes as SIGNATURE_INVALID', () => {
    const signature = opensslSign('pss-other', '-keyopt', 'rsa_padding_mode:pss');

    expect(refusal(() => sut.verify(Buffer.from(`${data.toString()} `), signature))).toMatchObject({
      code: TrustErrorCode.SIGNATURE_INVALID,
    });
  });

  it('names PSS with SHA-1 as SIGNATURE_ALGORITHM_UNSUPPORTED, not as a malformed CMS', () => {
    const signature = opensslSign(
      'pss-mgf1-sha1',
      '-keyopt',
      'rsa_padding_mode:pss',
      '-keyopt',
      'rsa_mgf1_md:sha1',
    );

    const error = refusal(() => sut.verify(data, signature));
    expect(error).toBeInstanceOf(TrustError);
    expect(error.code).toBe(TrustErrorCode.SIGNATURE_ALGORITHM_UNSUPPORTED);
    expect(error.message).toContain('RSASSA-PSS');
  });
});
