// Keyed hashes of the folded terms (RFC 2104 HMAC with SHA-256): the index stores these only, so
// a copy of the database without the key reveals no name, and a guess cannot be checked against
// it without the key (SECURITY.md, "The business-key index"). The kind is hashed with the term so
// that a name and a reference spelt alike do not share a hash.
import { createHmac } from 'node:crypto';
import { nameQueryTerms } from './name.folding';
import { foldReference } from './reference.folding';
import { BusinessKeysError, BusinessKeysErrorCode } from './business-keys.error';
import type { BusinessKeyKind, HashedBusinessKeyQuery } from './business-key.types';

const KEY_BYTES = 32;
/** RFC 2104 §5: a truncated output of at least half the hash length keeps its strength; 128 bits. */
const HASH_BYTES = 16;
/** A query word folding to more terms than this is not a name (nobody types one). */
const MAX_QUERY_WORDS = 8;

export class BusinessKeyHasher {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) {
      throw new BusinessKeysError(
        BusinessKeysErrorCode.KeyInvalid,
        `the business-key index key must be ${KEY_BYTES} bytes`,
      );
    }
  }

  hash(kind: BusinessKeyKind, term: string): string {
    return createHmac('sha256', this.key)
      .update(`${kind}\u0000${term}`, 'utf8')
      .digest()
      .subarray(0, HASH_BYTES)
      .toString('hex');
  }

  /** What one search text is looked up as: its words as a name, and the whole as a reference. */
  query(text: string): HashedBusinessKeyQuery {
    const words = nameQueryTerms(text).slice(0, MAX_QUERY_WORDS);
    const reference = foldReference(text);
    return {
      nameWords: words.map((alternatives) => alternatives.map((term) => this.hash('name', term))),
      references: reference === '' ? [] : [this.hash('notice', reference), this.hash('warrant', reference)],
    };
  }
}
