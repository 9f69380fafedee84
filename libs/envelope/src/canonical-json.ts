// RFC 8785 JSON Canonicalization Scheme (JCS). Signatures cover exactly these bytes, so every
// party must produce them identically: the rules below are the RFC's, not a matter of taste.
import { EnvelopeError, EnvelopeErrorCode } from './envelope.error';

// RFC 8785 §3.1 requires I-JSON (RFC 7493 §2.1): no lone surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fail(reason: string, path: string): never {
  throw new EnvelopeError(
    EnvelopeErrorCode.NotCanonicalizable,
    `cannot canonicalize ${path || 'the value'}: ${reason}`,
  );
}

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) fail('string holds a lone surrogate', path);
  // §3.2.2.2: JSON.stringify's escaping is exactly the one JCS prescribes.
  return JSON.stringify(value);
}

function hasToJson(value: object): value is { toJSON: () => unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

class Canonicalizer {
  private readonly ancestors = new Set<object>();

  serialize(value: unknown, path: string): string {
    switch (typeof value) {
      case 'string':
        return serializeString(value, path);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'number':
        // §3.2.2.3: ECMAScript Number::toString, which JSON.stringify applies (and -0 becomes 0).
        if (!Number.isFinite(value)) fail(`${value} is not a JSON number`, path);
        return JSON.stringify(value);
      case 'object':
        return value === null ? 'null' : this.serializeObject(value, path);
      case 'undefined':
      case 'bigint':
      case 'symbol':
      case 'function':
        return fail(`${typeof value} is not JSON data`, path);
    }
  }

  private serializeObject(value: object, path: string): string {
    // As JSON.stringify (and the RFC's reference implementation) do: a Date speaks for itself.
    if (hasToJson(value)) return this.serialize(value.toJSON(), path);
    if (this.ancestors.has(value)) fail('circular reference', path);
    this.ancestors.add(value);
    try {
      return Array.isArray(value) ? this.serializeArray(value, path) : this.serializeMembers(value, path);
    } finally {
      this.ancestors.delete(value);
    }
  }

  private serializeArray(items: readonly unknown[], path: string): string {
    // No silent `null` for undefined items (JSON.stringify's choice): that would sign other data.
    return `[${items.map((item, index) => this.serialize(item, `${path}[${index}]`)).join(',')}]`;
  }

  private serializeMembers(value: object, path: string): string {
    const record = value as Record<string, unknown>;
    // §3.2.3: sort by UTF-16 code units, which is what the default Array#sort compares.
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    const members = keys.map(
      (key) => `${serializeString(key, path)}:${this.serialize(record[key], path ? `${path}.${key}` : key)}`,
    );
    return `{${members.join(',')}}`;
  }
}

/** The RFC 8785 canonical text of a JSON value; object members whose value is undefined are absent. */
export function canonicalize(value: unknown): string {
  return new Canonicalizer().serialize(value, '');
}

/** The canonical text as UTF-8: the bytes that are signed and sent. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}
