// Characters that no field of a real message holds, refused at both doors (the notice door here,
// the envelope door through @pcms/envelope, which reads this same class): a NUL that one consumer
// keeps and another's XML refuses makes a half delivery; a right-to-left override shows an
// operator a name other than the one stored (a display spoof: the G5's operators read Arabic).

/**
 * C0 controls but TAB, LF and CR; DEL and the C1 controls (U+007F–U+009F); the bidirectional
 * formatting characters of Unicode UAX #9 §2: embeddings and overrides LRE RLE PDF LRO RLO
 * (U+202A–U+202E), isolates LRI RLI FSI PDI (U+2066–U+2069), the marks LRM RLM (U+200E, U+200F)
 * and ALM (U+061C). Arabic and Latin text mix correctly without them: the Unicode bidi algorithm
 * orders each run by its own letters.
 */
export const FORBIDDEN_TEXT_CHARACTER =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export function isForbiddenTextCharCode(code: number): boolean {
  return FORBIDDEN_TEXT_CHARACTER.test(String.fromCodePoint(code));
}

/** `U+202E`: how a reason names the character, never printing it (it would reorder the log line). */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
