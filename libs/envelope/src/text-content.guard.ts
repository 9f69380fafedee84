// What the schema cannot say about strings: characters no real message holds, and identifiers in a
// second spelling. Both checked on the parsed JSON, so a `\u202e` escape is caught like the raw one.
import { codePointLabel, FORBIDDEN_TEXT_CHARACTER } from '@pcms/notice';
import { childPath } from './issue-path';

export interface TextFinding {
  path: string;
  /** `U+202E`: never the character itself, which would reorder the log line it is written in. */
  character: string;
}

/**
 * The first string (value or key) holding a control or bidirectional-formatting character, in
 * document order; the class is @pcms/notice's, so both doors refuse the same characters.
 */
export function findForbiddenCharacter(value: unknown, path = ''): TextFinding | undefined {
  if (typeof value === 'string') {
    const found = FORBIDDEN_TEXT_CHARACTER.exec(value);
    return found ? { path: path || '(root)', character: codePointLabel(found[0]) } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  // Depth is bounded by the structure scanner (limits.maxJsonDepth) before JSON.parse ran.
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    const here = childPath(path, key);
    if (typeof key === 'string' && FORBIDDEN_TEXT_CHARACTER.test(key)) {
      return { path: here, character: codePointLabel(FORBIDDEN_TEXT_CHARACTER.exec(key)?.[0] ?? '') };
    }
    const found = findForbiddenCharacter(item, here);
    if (found) return found;
  }
  return undefined;
}

/** The envelope fields that hold message ids: compared by dedupe, replies and the journal as text. */
const ID_FIELDS = ['id', 'correlationId', 'inReplyTo'] as const;

/**
 * RFC 4122 §3: UUIDs are output in lower case and compared case-insensitively. Dedupe and
 * correlation compare text, so one id has one spelling: an id in upper case would cross as a
 * new message beside its lower-case twin.
 */
export function findNonCanonicalId(
  envelope: Partial<Record<(typeof ID_FIELDS)[number], unknown>>,
): string | undefined {
  return ID_FIELDS.find((field) => {
    const value = envelope[field];
    return typeof value === 'string' && value !== value.toLowerCase();
  });
}
