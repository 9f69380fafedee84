import { randomBytes } from 'node:crypto';
import { JournalError, JournalErrorCode } from './journal.error';
import { PayloadCipher } from './payload.cipher';

describe(PayloadCipher.name, () => {
  const key = randomBytes(32);
  const sut = new PayloadCipher(key);
  const plaintext = Buffer.from('{"subject":"not for the log"}');

  it('opens what it sealed, and the sealed bytes are iv, tag and ciphertext, not the plaintext', () => {
    const sealed = sut.seal(plaintext, 'e-1');

    expect(sealed.length).toBe(12 + 16 + plaintext.length);
    expect(sealed.includes(plaintext)).toBe(false);
    expect(sut.open(sealed, 'e-1').equals(plaintext)).toBe(true);
  });

  it('uses a fresh IV every time', () => {
    expect(
      sut.seal(plaintext, 'e-1').subarray(0, 12).equals(sut.seal(plaintext, 'e-1').subarray(0, 12)),
    ).toBe(false);
  });

  it('refuses a payload moved onto another event', () => {
    const sealed = sut.seal(plaintext, 'e-1');

    expect(() => sut.open(sealed, 'e-2')).toThrow(
      expect.objectContaining({ code: JournalErrorCode.PayloadUnreadable }) as JournalError,
    );
  });

  it('refuses a flipped bit and another key', () => {
    const sealed = sut.seal(plaintext, 'e-1');
    sealed[sealed.length - 1] ^= 1;

    expect(() => sut.open(sealed, 'e-1')).toThrow(JournalError);
    expect(() => new PayloadCipher(randomBytes(32)).open(sut.seal(plaintext, 'e-1'), 'e-1')).toThrow(
      JournalError,
    );
  });

  it('accepts only a 32-byte key', () => {
    expect(() => new PayloadCipher(randomBytes(16))).toThrow(
      expect.objectContaining({ code: JournalErrorCode.KeyInvalid }) as JournalError,
    );
  });
});
