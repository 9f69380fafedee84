// A signer that may hand out again the signature it made a moment ago for the same bytes: the
// gateway delivers one notice to several platforms as identical bytes, one RSA signature each
// before (0.4 ms of CPU each). Equally valid, and its signing time never older than the window.
import { createTestPki, TestPki } from '@pcms/trust/testing';
import { parseSignedData } from './cms.parser';
import { CmsSigner } from './cms.signer';
import { SignatureVerifier } from './signature.verifier';

describe(`${CmsSigner.name} reusing a recent signature`, () => {
  let pki: TestPki;
  let clock: Date;
  const now = () => clock;
  // A whole second a minute from now (the test certificates are valid then): `at(900)` is 900 ms past it.
  const second = Math.floor(Date.now() / 1000) * 1000 + 60_000;
  const at = (ms: number) => new Date(second + ms);

  beforeAll(() => {
    pki = createTestPki();
  });

  beforeEach(() => {
    clock = at(900);
  });

  it('gives the same bytes, signed again within the window, the signature already made', () => {
    const sut = new CmsSigner(pki.gateway, now, { reuseWithinMs: 1000 });
    const first = sut.sign(Buffer.from('notice'));
    clock = at(1300); // the next second: a new signature would say so
    const second = sut.sign(Buffer.from('notice'));

    expect(second.equals(first)).toBe(true);
    expect(parseSignedData(second).signer.signedAttributes?.signingTime).toEqual(at(0));
  });

  it('signs again past the window, and signs other bytes on their own', () => {
    const sut = new CmsSigner(pki.gateway, now, { reuseWithinMs: 1000 });
    const first = sut.sign(Buffer.from('notice'));
    const other = sut.sign(Buffer.from('another notice'));
    clock = at(2000);
    const later = sut.sign(Buffer.from('notice'));

    expect(parseSignedData(later).signer.signedAttributes?.signingTime).toEqual(at(2000));
    const verifier = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem], now });
    for (const [content, signature] of [
      ['notice', first],
      ['another notice', other],
      ['notice', later],
    ] as const) {
      expect(verifier.verify(Buffer.from(content), signature).signerId).toBe('GATEWAY');
    }
    expect(() => verifier.verify(Buffer.from('notice'), other)).toThrow();
  });

  it('never hands out a buffer a caller could change for the next one', () => {
    const sut = new CmsSigner(pki.gateway, now, { reuseWithinMs: 1000 });
    const first = sut.sign(Buffer.from('notice'));
    const copy = Buffer.from(first);
    first.fill(0);
    expect(sut.sign(Buffer.from('notice')).equals(copy)).toBe(true);
  });

  it('reuses nothing unless asked', () => {
    const sut = new CmsSigner(pki.gateway, now);
    sut.sign(Buffer.from('notice'));
    clock = at(1300);
    expect(parseSignedData(sut.sign(Buffer.from('notice'))).signer.signedAttributes?.signingTime).toEqual(
      at(1000),
    );
  });
});
