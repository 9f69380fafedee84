/**
 * Dotted paths (`payload.subject.birthDate`) read from untrusted trees and written into new ones.
 * Only own properties are read, and prototype keys are refused when a mapping is loaded, so
 * neither a hostile source nor a hostile mapping can reach Object.prototype.
 */
export const CONTEXT_ROOT = '$context';

const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/u;
const INDEX = /^(?:0|[1-9]\d*)$/u;

export type PathProblem = { kind: 'unsafe' | 'invalid'; reason: string };

/** Splits a path; `from` paths may use array indexes and start with `$context`. */
export function splitPath(path: string, role: 'from' | 'to'): string[] | PathProblem {
  const segments = path.split('.');
  for (const [position, segment] of segments.entries()) {
    if (UNSAFE_SEGMENTS.has(segment)) {
      return { kind: 'unsafe', reason: `"${path}" uses "${segment}", which could reach an object prototype` };
    }
    const allowed =
      NAME.test(segment) ||
      (role === 'from' && INDEX.test(segment) && position > 0) ||
      (role === 'from' && segment === CONTEXT_ROOT && position === 0 && segments.length > 1);
    if (!allowed) return { kind: 'invalid', reason: `"${path}" has an invalid segment "${segment}"` };
  }
  return segments;
}

export function readPath(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Writes a value; returns false when an intermediate segment already holds a non-object. */
export function writePath(
  root: Record<string, unknown>,
  segments: readonly string[],
  value: unknown,
): boolean {
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    if (!Object.hasOwn(current, segment)) define(current, segment, {});
    const next = current[segment];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return false;
    current = next as Record<string, unknown>;
  }
  define(current, segments[segments.length - 1], value);
  return true;
}

/** A copy of plain data; keys are defined, not assigned, so "__proto__" stays an ordinary key. */
export function cloneData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((element: unknown) => cloneData(element));
  if (typeof value !== 'object' || value === null) return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, element] of Object.entries(value)) define(copy, key, cloneData(element));
  return copy;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
