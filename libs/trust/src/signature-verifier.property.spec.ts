// What the network hands the verifier (a detached CMS signature and the bytes it claims to cover)
// ends in a VerifiedSignature or a coded TrustError, whatever the bytes, in a bounded time.
import fc from 'fast-check';
import { createTestPki } from '@pcms/trust/testing';
import { CmsSigner } from './cms.signer';
import { SignatureVerifier } from './signature.verifier';
import { TrustError, TrustErrorCode } from './trust.error';

const MIB = 1024 * 1024;
const CODES = new Set<string>(Object.values(TrustErrorCode));

describe(`${SignatureVerifier.name} (properties)`, () => {
  const pki = createTestPki();
  const sut = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] });
  const content = Buffer.from('{"id":"6f1c","sender":"NP-ML"}');
  const genuine = new CmsSigner(pki.platforms['NP-ML']).sign(content);

  function outcomeOf(body: Buffer, signature: Buffer | undefined): string {
    try {
      return `ok:${sut.verify(body, signature, { expectedSigner: 'NP-ML' }).signerId}`;
    } catch (error: unknown) {
      if (!(error instanceof TrustError) || !CODES.has(error.code)) throw error;
      return error.code;
    }
  }

  /** DER-aware damage: lengths claiming more than there is, cut structures, nested garbage. */
  const MUTATED = fc.oneof(
    fc.nat({ max: genuine.length - 1 }).map((at) => genuine.subarray(0, at)),
    fc
      .tuple(fc.nat({ max: genuine.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 6 }))
      .map(([at, bytes]) =>
        Buffer.concat([genuine.subarray(0, at), Buffer.from(bytes), genuine.subarray(at)]),
      ),
    fc
      .tuple(fc.nat({ max: genuine.length - 1 }), fc.constantFrom(0x84, 0xff, 0x80, 0x00))
      .map(([at, byte]) => {
        const copy = Buffer.from(genuine);
        copy[at] = byte;
        return copy;
      }),
    fc.integer({ min: 1, max: 5000 }).map((n) => Buffer.concat([Buffer.alloc(n, 0x30), Buffer.from([0x80])])),
  );

  // Damage to unsigned parts of the structure (RFC 5652 §5.1 digestAlgorithms is informational)
  // may still verify: CMS signatures are malleable there. What must hold is that nothing but the
  // genuine signer over the genuine content is ever accepted; nothing keys on signature bytes.
  it('turns any damage to a genuine signature into a coded error or the same verdict', () => {
    fc.assert(
      fc.property(MUTATED, (signature) => {
        const outcome = outcomeOf(content, signature);
        expect(outcome === 'ok:NP-ML' || CODES.has(outcome)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a genuine signature over any other content as SIGNATURE_INVALID', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (other) => {
        fc.pre(!Buffer.from(other).equals(content));
        expect(outcomeOf(Buffer.from(other), genuine)).toBe(TrustErrorCode.SIGNATURE_INVALID);
      }),
      { numRuns: 500 },
    );
  });

  it('verifies 100 hostile inputs of up to 1 MiB in a bounded time, each to a coded error', () => {
    const inputs = fc.sample(
      fc.tuple(
        fc.oneof(
          fc.integer({ min: 1, max: MIB }).map((n) => Buffer.alloc(n, 0x30)),
          fc
            .integer({ min: 1, max: MIB })
            .map((n) => Buffer.concat([Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]), Buffer.alloc(n)])),
          fc.uint8Array({ minLength: 1, maxLength: 64 * 1024 }).map((bytes) => Buffer.from(bytes)),
          MUTATED,
        ),
        fc.integer({ min: 0, max: MIB }).map((n) => Buffer.alloc(n, 0x7b)),
      ),
      { numRuns: 100, seed: 5652 },
    );
    const started = process.hrtime.bigint();

    const outcomes = inputs.map(([signature, body]) => outcomeOf(body, signature));

    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
    expect(outcomes.every((outcome) => outcome === 'ok:NP-ML' || CODES.has(outcome))).toBe(true);
    expect(outcomes).toContain(TrustErrorCode.SIGNATURE_MALFORMED);
  });
});
