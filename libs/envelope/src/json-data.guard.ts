// First gate of validation: the input must be plain JSON data before any class is built from it.
// class-transformer assigns keys as it finds them, so `__proto__` / `constructor` / `prototype`
// keys (which JSON.parse happily creates as own properties) are reported and left out of the copy
// that goes on to class-validator: prototype pollution becomes an issue, never a side effect.
import type { ValidationIssue } from './envelope.types';
import { childPath } from './issue-path';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Far deeper than any envelope; stops hostile nesting before it exhausts the stack. */
const MAX_DEPTH = 32;
// RFC 8785 §3.1 requires I-JSON (RFC 7493 §2.1): strings must not hold lone surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

class JsonDataCopier {
  private readonly ancestors = new Set<object>();

  constructor(private readonly issues: ValidationIssue[]) {}

  copy(value: unknown, path: string, depth: number): JsonValue | undefined {
    switch (typeof value) {
      case 'string':
        return this.checkString(value, path) ? value : undefined;
      case 'boolean':
        return value;
      case 'number':
        return Number.isFinite(value) ? value : this.reject(path, 'must be a finite number');
      case 'object':
        return value === null ? null : this.copyContainer(value, path, depth);
      case 'undefined':
      case 'bigint':
      case 'symbol':
      case 'function':
        return this.reject(path, `must be JSON data, not ${typeof value}`);
    }
  }

  private copyContainer(value: object, path: string, depth: number): JsonValue | undefined {
    if (depth >= MAX_DEPTH) return this.reject(path, `nests deeper than ${MAX_DEPTH} levels`);
    if (this.ancestors.has(value)) return this.reject(path, 'is a circular reference');
    if (!Array.isArray(value) && !isPlainObject(value))
      return this.reject(path, 'must be a plain JSON object');
    this.ancestors.add(value);
    try {
      return Array.isArray(value) ? this.copyArray(value, path, depth) : this.copyObject(value, path, depth);
    } finally {
      this.ancestors.delete(value);
    }
  }

  private copyArray(items: readonly unknown[], path: string, depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    for (let index = 0; index < items.length; index++) {
      const item = this.copy(items[index], childPath(path, index), depth + 1);
      // Keep indices aligned with the input so later issue paths point at the right item.
      out.push(item === undefined ? null : item);
    }
    return out;
  }

  private copyObject(source: object, path: string, depth: number): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(source)) {
      const keyPath = childPath(path, key);
      if (FORBIDDEN_KEYS.has(key)) {
        this.reject(keyPath, 'is a forbidden key (prototype pollution guard)');
        continue;
      }
      if (!this.checkString(key, keyPath)) continue;
      const raw: unknown = (source as Record<string, unknown>)[key];
      if (raw === undefined) continue; // as in JSON: an undefined property is an absent one
      const item = this.copy(raw, keyPath, depth + 1);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }

  private checkString(value: string, path: string): boolean {
    if (!LONE_SURROGATE.test(value)) return true;
    this.reject(path, 'holds a lone UTF-16 surrogate (not well-formed Unicode)');
    return false;
  }

  private reject(path: string, reason: string): undefined {
    this.issues.push({ path, reason });
    return undefined;
  }
}

/** A deep copy of `value` holding only JSON data; everything left out is reported in `issues`. */
export function copyJsonData(value: unknown, issues: ValidationIssue[]): JsonValue | undefined {
  return new JsonDataCopier(issues).copy(value, '', 0);
}
