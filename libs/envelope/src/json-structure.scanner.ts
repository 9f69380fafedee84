// A strict look at the structure of JSON text before JSON.parse builds anything from it.
// JSON.parse keeps the last of duplicate keys without a word (RFC 8259 §4 leaves the behaviour
// open; RFC 7493 §2.3 I-JSON forbids duplicates), so a signed `"classification": "SECRET"`
// followed by `"classification": "UNCLASSIFIED"` would be read one way here and maybe another way
// by the next parser. One pass, linear time, an explicit stack bounded by `maxDepth`: hostile
// nesting never reaches the call stack.
import { childPath } from './issue-path';

export type JsonStructureFinding =
  { kind: 'too-deep'; maxDepth: number; path: string } | { kind: 'duplicate-key'; key: string; path: string };

interface Frame {
  /** Keys seen so far in an object; undefined for an array. */
  keys: Set<string> | undefined;
  expectKey: boolean;
  /** The last key (object) or current index (array): where a child container sits. */
  child: string | number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first structural problem of `text`, or undefined. Text that is not well-formed JSON is not
 * judged here: scanning stops quietly and JSON.parse, which runs next, says what is wrong.
 */
export function scanJsonStructure(text: string, maxDepth: number): JsonStructureFinding | undefined {
  const stack: Frame[] = [];
  let duplicate: JsonStructureFinding | undefined;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === QUOTE) {
      const end = closingQuote(text, at);
      if (end < 0) return duplicate;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const key = decodeKey(text.slice(at, end + 1));
        if (key === undefined) return duplicate;
        if (top.keys.has(key) && duplicate === undefined) {
          duplicate = { kind: 'duplicate-key', key, path: pathOf(stack, key) };
        }
        top.keys.add(key);
        top.child = key;
        top.expectKey = false;
      }
      at = end;
      continue;
    }
    switch (text[at]) {
      case '{':
      case '[':
        if (stack.length >= maxDepth) return { kind: 'too-deep', maxDepth, path: pathOf(stack) };
        stack.push(
          text[at] === '{'
            ? { keys: new Set(), expectKey: true, child: '' }
            : { keys: undefined, expectKey: false, child: 0 },
        );
        break;
      case '}':
      case ']':
        if (stack.pop() === undefined) return duplicate;
        break;
      case ',': {
        const top = stack[stack.length - 1];
        if (top?.keys) top.expectKey = true;
        else if (top) top.child = (top.child as number) + 1;
        break;
      }
    }
  }
  return duplicate;
}

/** Index of the quote closing the string opened at `start`, or -1 when it never closes. */
function closingQuote(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === BACKSLASH) at++;
    else if (char === QUOTE) return at;
  }
  return -1;
}

/** `"send\u0065r"` and `"sender"` are the same key: compare decoded names, as JSON.parse does. */
function decodeKey(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

function pathOf(stack: readonly Frame[], last?: string): string {
  // The root frame's child is the first path component; the innermost frame's is `last` if given.
  let path = '';
  stack.forEach((frame, index) => {
    if (index === stack.length - 1 && last !== undefined) path = childPath(path, last);
    else path = childPath(path, frame.child);
  });
  return path;
}
