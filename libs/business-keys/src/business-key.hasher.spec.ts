import { createHmac, randomBytes } from 'node:crypto';
import { BusinessKeyHasher } from './business-key.hasher';
import { BusinessKeysErrorCode } from './business-keys.error';
import { nameIndexTerms } from './name.folding';

describe(BusinessKeyHasher.name, () => {
  const key = randomBytes(32);
  const sut = new BusinessKeyHasher(key);

  it('is HMAC-SHA256 of the kind and the term, cut to 128 bits', () => {
    const expected = createHmac('sha256', key).update('warrant\u0000ML20230412').digest('hex').slice(0, 32);

    expect(sut.hash('warrant', 'ML20230412')).toBe(expected);
  });

  it('gives another hash for another key, and for the same term of another kind', () => {
    expect(new BusinessKeyHasher(randomBytes(32)).hash('notice', 'X1')).not.toBe(sut.hash('notice', 'X1'));
    expect(sut.hash('notice', 'X1')).not.toBe(sut.hash('warrant', 'X1'));
  });

  it('hashes a query so that an indexed writing of the name answers each of its words', () => {
    const indexed = new Set(nameIndexTerms('Muhammad Ag Ahmad').map((term) => sut.hash('name', term)));

    const query = sut.query('mohamed ahmed');

    expect(query.nameWords).toHaveLength(2);
    for (const word of query.nameWords) expect(word.some((hash) => indexed.has(hash))).toBe(true);
    expect(query.references).toEqual([
      sut.hash('notice', 'MOHAMEDAHMED'),
      sut.hash('warrant', 'MOHAMEDAHMED'),
    ]);
  });

  it('refuses a key that is not 32 bytes', () => {
    let refusal: unknown;
    try {
      new BusinessKeyHasher(randomBytes(16));
    } catch (error: unknown) {
      refusal = error;
    }

    expect(refusal).toMatchObject({ code: BusinessKeysErrorCode.KeyInvalid });
  });
});
