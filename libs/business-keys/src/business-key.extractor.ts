// The business keys a message carries, read from its payload as it entered the gateway: the PCMS
// envelope (JSON) or the I-24/7 notice (XML). Both were verified and validated at the door before
// they were journaled, so this reads known fields and gives up silently on anything else: a
// payload it cannot read is simply not searchable by business key.
import { nameIndexTerms } from './name.folding';
import { foldReference } from './reference.folding';
import type { BusinessKeyKind, BusinessKeyTerm } from './business-key.types';

/** The envelope's fields that hold the person's own names (subject, aliases, PersonSubject). */
const JSON_NAME_FIELDS: ReadonlySet<string> = new Set([
  'familyName',
  'givenNames',
  'nameInOriginalScript',
  'birthName',
]);
const JSON_NOTICE_FIELDS: ReadonlySet<string> = new Set(['noticeId', 'interpolNoticeId']);
/** A warrant's `reference` (payload.warrants[]), or a reference named as one. */
const JSON_WARRANT_FIELDS: ReadonlySet<string> = new Set(['warrantReference']);

/** The notice's elements (libs/notice, urn:pcms:i247:notice:1) that hold the same keys. */
const XML_ELEMENTS: Readonly<Record<string, BusinessKeyKind>> = {
  PersonSurName: 'name',
  PersonGivenName: 'name',
  PersonNameOriginalScript: 'name',
  PersonBirthName: 'name',
  NoticeID: 'notice',
  WarrantReference: 'warrant',
};
const XML_ELEMENT = new RegExp(
  `<(?:[A-Za-z_][\\w.-]*:)?(${Object.keys(XML_ELEMENTS).join('|')})(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z_][\\w.-]*:)?\\1\\s*>`,
  'g',
);
const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export interface PayloadBytes {
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** Every distinct term of the payload, by kind; none when the payload is neither of the two formats. */
export function extractBusinessKeys(payload: PayloadBytes): BusinessKeyTerm[] {
  const values = isXml(payload.contentType) ? xmlValues(payload.bytes) : jsonValues(payload.bytes);
  const terms = new Map<string, BusinessKeyTerm>();
  for (const { kind, value } of values) {
    const folded = kind === 'name' ? nameIndexTerms(value) : [foldReference(value)];
    for (const term of folded) if (term !== '') terms.set(`${kind}\u0000${term}`, { kind, term });
  }
  return [...terms.values()];
}

interface KeyValue {
  kind: BusinessKeyKind;
  value: string;
}

function isXml(contentType: string): boolean {
  return /[/+]xml\b/i.test(contentType);
}

function jsonValues(bytes: Buffer): KeyValue[] {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch {
    return [];
  }
  const found: KeyValue[] = [];
  const walk = (value: unknown, field: string | undefined, inWarrants: boolean): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, field, inWarrants || field === 'warrants');
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, key, inWarrants);
      return;
    }
    if (typeof value !== 'string' || field === undefined) return;
    if (JSON_NAME_FIELDS.has(field)) found.push({ kind: 'name', value });
    else if (JSON_NOTICE_FIELDS.has(field)) found.push({ kind: 'notice', value });
    else if (JSON_WARRANT_FIELDS.has(field) || (inWarrants && field === 'reference'))
      found.push({ kind: 'warrant', value });
  };
  walk(document, undefined, false);
  return found;
}

function xmlValues(bytes: Buffer): KeyValue[] {
  const text = bytes.toString('utf8');
  return [...text.matchAll(XML_ELEMENT)].map(([, element, content]) => ({
    kind: XML_ELEMENTS[element],
    value: decodeXmlText(content),
  }));
}

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return safeCodePoint(parseInt(name.slice(2), 16), entity);
    if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), entity);
    return XML_ENTITIES[name] ?? entity;
  });
}

function safeCodePoint(code: number, entity: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}
