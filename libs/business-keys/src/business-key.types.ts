/** What a message is found by: a person's name, a notice id, a warrant reference. */
export const BUSINESS_KEY_KINDS = ['name', 'notice', 'warrant'] as const;
export type BusinessKeyKind = (typeof BUSINESS_KEY_KINDS)[number];

/** One folded term a message carries (a tagged name term, or a folded reference): never stored as is. */
export interface BusinessKeyTerm {
  readonly kind: BusinessKeyKind;
  readonly term: string;
}

/** One row of the index: the keyed hash of a term, and the message that carries it. */
export interface BusinessKeyRow {
  readonly messageId: string;
  readonly kind: BusinessKeyKind;
  /** HMAC-SHA256(key, kind ‖ 0 ‖ term), its first 16 bytes in hex. */
  readonly hash: string;
  /** When the message was received (epoch ms): the newest are listed first. */
  readonly atMs: number;
}

/** A search as keyed hashes: a name (every word found by one of its hashes), or a reference. */
export interface HashedBusinessKeyQuery {
  /** Per word of the name, the hashes any of which finds it; empty when the text has no letters. */
  readonly nameWords: readonly (readonly string[])[];
  /** The text as a notice id or a warrant reference (one hash each); empty without letters or digits. */
  readonly references: readonly string[];
}
