// The hostile corpus: one file per case under corpus/<door>/, beside `<case>.expected.json` that
// names the outcome and the exact code. Companion files (`<case>.<role>.json`: a message sent
// first, a message whose signature is borrowed) have no expectation of their own.
import type { PlatformId } from '@pcms/envelope';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Door = 'envelope' | 'notice';

/** Who signs, and over which bytes: the case's own unless `over` names a companion file. */
export type SignatureRecipe = 'none' | { raw: string } | { by: PlatformId | 'wrong-issuer'; over?: string };

export interface HostileExpectation {
  description: string;
  outcome: 'dead-letter' | 'dropped';
  code?: string;
  stage?: string;
  reasonContains?: string;
  /** Padded with spaces (valid trailing whitespace) to this many bytes. */
  padToBytes?: number;
  /** Files sent first with the same id and waited for ('self': these very bytes). */
  before?: string[];
  /** Default: signed by the sender (NP-ML; the peer for notices) over the case's bytes. */
  signature?: SignatureRecipe;
  /** The platform whose submission route carries the case; default NP-ML. */
  submitAs?: PlatformId;
  /** The TLS client certificate at the peer door; default the peer's. */
  client?: PlatformId;
}

export interface HostileCase {
  name: string;
  file: string;
  expected: HostileExpectation;
}

const CORPUS = join(__dirname, '..', 'corpus');
const EXPECTED = '.expected.json';
/** Placeholders in the corpus files, replaced at send time so each run has fresh ids and dates. */
const ID_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
const NOW_PLACEHOLDER = '{{now}}';
/** This run's id in upper case: the same UUID in a second spelling. */
const ID_UPPER_PLACEHOLDER = '{{ID_UPPER}}';

export function hostileCases(door: Door): HostileCase[] {
  const names = readdirSync(join(CORPUS, door));
  return names
    .filter((name) => name.endsWith(EXPECTED))
    .map((name) => name.slice(0, -EXPECTED.length))
    .sort()
    .map((stem) => {
      const file = names.find(
        (name) =>
          name !== `${stem}${EXPECTED}` &&
          /^[^.]+\.(json|bin|xml)$/.test(name) &&
          name.startsWith(`${stem}.`),
      );
      if (!file) throw new Error(`corpus/${door}/${stem}: no body file beside its expectation`);
      const expected = JSON.parse(
        readFileSync(join(CORPUS, door, `${stem}${EXPECTED}`), 'utf8'),
      ) as HostileExpectation;
      return { name: stem, file, expected };
    });
}

/** The bytes of a corpus file with this run's id and time substituted, padded if asked. */
export function corpusBytes(
  door: Door,
  file: string,
  vars: { id: string; now: Date },
  padToBytes?: number,
): Buffer {
  // latin1 maps bytes to code units one to one: invalid UTF-8 in a .bin file survives untouched.
  const text = readFileSync(join(CORPUS, door, file))
    .toString('latin1')
    .split(ID_PLACEHOLDER)
    .join(vars.id)
    .split(ID_UPPER_PLACEHOLDER)
    .join(vars.id.toUpperCase())
    .split(NOW_PLACEHOLDER)
    .join(vars.now.toISOString());
  const bytes = Buffer.from(text, 'latin1');
  if (padToBytes === undefined || bytes.length >= padToBytes) return bytes;
  return Buffer.concat([bytes, Buffer.alloc(padToBytes - bytes.length, 0x20)]);
}
