// Interpol's public notices web service, detail documents (`/notices/v1/{red,yellow,un}/{id}`),
// normalised into the plain tree the `interpol-public-json` mappings read. Field names are the
// service's own; only its quirks are smoothed, and a few derived fields are added where the
// declarative rules cannot compute (documented in libs/translation/README.md).
import type { TranslationIssue } from '../translation.error';

export type InterpolNoticeKind = 'red' | 'yellow' | 'un';

type Tree = Record<string, unknown>;

/** `/notices/v1/red/2024-31877`, `/notices/v1/un/persons/…`, `/notices/v1/un/entities/…`. */
const SELF_HREF = /\/notices\/v1\/(red|yellow|un)(?:\/(persons|entities))?\//;
const ENTITY_ID = /^\d{4}\/\d{1,10}$/;
/** Interpol dates: YYYY/MM/DD, YYYY/MM or YYYY; `00` parts mean unknown. */
const INTERPOL_DATE = /^(\d{4})(?:\/(\d{2})(?:\/(\d{2}))?)?$/;

const PERSON_TEXT = ['name', 'forename', 'place_of_birth', 'country_of_birth_id', 'distinguishing_marks'];
const YELLOW_TEXT = ['birth_name', 'father_forename', 'mother_forename', 'mother_name', 'place', 'country'];
const UN_TEXT = [
  'profession',
  'name_in_original_script',
  'forename_in_original_script',
  'name_at_birth',
  'father_name',
  'father_forename',
  'mother_name',
  'mother_forename',
];
const ENTITY_TEXT = ['name', 'main_activity', 'legal_form', 'registration_number', 'additional_information'];
const ENTITY_FIELDS = ['main_activity', 'legal_form', 'also_known_as', 'formerly_known_as', 'administrators'];
const CODE_LISTS = ['nationalities', 'eyes_colors_id', 'hairs_id', 'languages_spoken_ids'];

/** Which service list a detail document came from: its self link, else the fields it carries. */
export function interpolNoticeKind(document: unknown): InterpolNoticeKind | undefined {
  if (!isTree(document)) return undefined;
  const href = hrefOf(document, 'self');
  const fromLink = href === undefined ? undefined : SELF_HREF.exec(href)?.[1];
  if (fromLink) return fromLink as InterpolNoticeKind;
  if ('arrest_warrants' in document) return 'red';
  if ('un_reference' in document || 'entity' in document) return 'un';
  if (['date_of_event', 'birth_name', 'father_forename', 'mother_name'].some((key) => key in document)) {
    return 'yellow';
  }
  return undefined;
}

/** The normalised tree, or every issue found (paths are the service's field names). */
export function normaliseInterpolNotice(document: unknown): { tree?: Tree; issues: TranslationIssue[] } {
  const issues: TranslationIssue[] = [];
  if (!isTree(document)) return { issues: [{ path: '', reason: 'a notice is a JSON object' }] };
  const reader = new FieldReader(document, issues);
  const entityId = reader.text('entity_id');
  if (entityId === undefined || !ENTITY_ID.test(entityId)) {
    issues.push({ path: 'entity_id', reason: 'must be YYYY/NNNNN, as the service writes it' });
  }
  const kind = interpolNoticeKind(document);
  const tree: Tree = { entity_id: entityId, _links: links(document) };
  if (kind === 'un' && isUnEntity(document)) {
    Object.assign(tree, unShared(reader), { entity: unEntity(reader) });
  } else {
    Object.assign(tree, person(reader));
    if (kind === 'red' || Array.isArray(document.arrest_warrants)) {
      tree.arrest_warrants = reader.list('arrest_warrants', (at) => warrant(at, entityId));
    }
    if (kind === 'yellow') Object.assign(tree, reader.texts(YELLOW_TEXT), reader.dates(['date_of_event']));
    if (kind === 'un') Object.assign(tree, unShared(reader), unPerson(reader));
  }
  return issues.length > 0 ? { issues } : { tree: withoutAbsent(tree), issues };
}

function person(reader: FieldReader): Tree {
  const height = reader.measure('height');
  return {
    ...reader.texts(PERSON_TEXT),
    ...reader.dates(['date_of_birth']),
    sex_id: reader.text('sex_id')?.toUpperCase(),
    ...Object.fromEntries(CODE_LISTS.map((key) => [key, reader.codes(key)])),
    height,
    // PCMS counts centimetres; the service publishes metres.
    height_cm: height === undefined ? undefined : Math.round(height * 100),
    weight: reader.measure('weight'),
  };
}

function warrant(reader: FieldReader, entityId: string | undefined): Tree {
  return {
    // The public service publishes no warrant reference; PCMS requires one: the notice's own.
    reference: entityId === undefined ? undefined : `${entityId}#${reader.index + 1}`,
    issuing_country_id: reader.text('issuing_country_id')?.toUpperCase(),
    charge: reader.text('charge', { multiline: true }),
    charge_translation: reader.text('charge_translation', { multiline: true }),
  };
}

function unShared(reader: FieldReader): Tree {
  return {
    ...reader.texts(['un_reference', 'un_resolution']),
    // The listing's narrative keeps its paragraphs.
    summary: reader.text('summary', { multiline: true }),
    ...reader.dates(['un_reference_date']),
  };
}

function unPerson(reader: FieldReader): Tree {
  const originalScript = [reader.text('forename_in_original_script'), reader.text('name_in_original_script')];
  return {
    ...reader.texts(UN_TEXT),
    full_name_in_original_script: originalScript.filter(Boolean).join(' ') || undefined,
    aliases: reader.list('aliases', (alias) => ({
      ...alias.texts(['qualification', 'name', 'forename', 'place_of_birth']),
      ...alias.texts(['name_in_original_script', 'forename_in_original_script']),
      ...alias.dates(['date_of_birth']),
    })),
    identity_documents: reader.list('identity_documents', (document) => ({
      ...document.texts(['type', 'nr', 'place_of_issue']),
      issuing_country_id: document.text('issuing_country_id')?.toUpperCase(),
      ...document.dates(['issued_on', 'expiry_date']),
    })),
    adresses: reader.strings('adresses'),
  };
}

function unEntity(reader: FieldReader): Tree {
  return {
    ...reader.texts(ENTITY_TEXT),
    also_known_as: reader.separated('also_known_as'),
    formerly_known_as: reader.separated('formerly_known_as'),
    adresses: reader.strings('adresses'),
  };
}

function isUnEntity(document: Tree): boolean {
  const href = hrefOf(document, 'self');
  const fromLink = href === undefined ? undefined : SELF_HREF.exec(href)?.[2];
  if (fromLink) return fromLink === 'entities';
  return ENTITY_FIELDS.some((key) => document[key] !== undefined && document[key] !== null);
}

function links(document: Tree): Tree {
  const result: Tree = {};
  for (const name of ['self', 'images', 'thumbnail']) {
    const href = hrefOf(document, name);
    if (href !== undefined) result[name] = { href };
  }
  return result;
}

function hrefOf(document: Tree, name: string): string | undefined {
  const links = document._links;
  const link = isTree(links) ? links[name] : undefined;
  const href = isTree(link) ? link.href : undefined;
  return typeof href === 'string' && href.length > 0 ? href : undefined;
}

/** Reads fields of one object, noting an issue (with its path) for each value of the wrong shape. */
class FieldReader {
  constructor(
    private readonly node: Tree,
    private readonly issues: TranslationIssue[],
    private readonly prefix = '',
    readonly index = 0,
  ) {}

  /** Text trimmed; `\r\n` becomes `\n` when multiline; null, blank and the `-` placeholder are absent. */
  text(key: string, options: { multiline?: boolean } = {}): string | undefined {
    const value = this.node[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.refuse(key, 'must be text or null');
    const text = options.multiline ? value.replace(/\r\n?/g, '\n').trim() : value.replace(/\s+/g, ' ').trim();
    return text === '' || text === '-' ? undefined : text;
  }

  texts(keys: readonly string[]): Tree {
    return Object.fromEntries(keys.map((key) => [key, this.text(key)]));
  }

  dates(keys: readonly string[]): Tree {
    return Object.fromEntries(keys.map((key) => [key, this.date(key)]));
  }

  /** A positive number; 0 and null mean unknown. */
  measure(key: string): number | undefined {
    const value = this.node[key];
    if (value === undefined || value === null || value === 0) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return this.refuse(key, 'must be a positive number, 0 or null');
    }
    return value;
  }

  /** Upper-case codes; a null list is an empty one. */
  codes(key: string): string[] {
    return this.strings(key).map((code) => code.toUpperCase());
  }

  strings(key: string): string[] {
    const value = this.node[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.refuse(key, 'must be a list or null') ?? [];
    const texts: string[] = [];
    value.forEach((element: unknown, index) => {
      if (typeof element === 'string' && element.trim() !== '') texts.push(element.trim());
      else if (element !== null) this.refuse(`${key}[${index}]`, 'must be text');
    });
    return texts;
  }

  /** `a; b; c` to a list (UN entities' also_known_as, formerly_known_as). */
  separated(key: string): string[] {
    const text = this.text(key);
    return text === undefined
      ? []
      : text
          .split(';')
          .map((part) => part.trim())
          .filter(Boolean);
  }

  list(key: string, read: (element: FieldReader) => Tree): Tree[] {
    const value = this.node[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.refuse(key, 'must be a list or null') ?? [];
    return value.flatMap((element: unknown, index) => {
      const path = `${this.path(key)}[${index}]`;
      if (!isTree(element)) return this.refuse(`${key}[${index}]`, 'must be an object') ?? [];
      return [withoutAbsent(read(new FieldReader(element, this.issues, path, index)))];
    });
  }

  private date(key: string): string | undefined {
    const text = this.text(key);
    if (text === undefined) return undefined;
    const match = INTERPOL_DATE.exec(text);
    if (!match) return this.refuse(key, 'must be an Interpol date: YYYY/MM/DD, YYYY/MM or YYYY');
    const [, year, month, day] = match;
    if (month === undefined || month === '00') return year;
    return day === undefined || day === '00' ? `${year}/${month}` : `${year}/${month}/${day}`;
  }

  private path(key: string): string {
    return this.prefix === '' ? key : `${this.prefix}.${key}`;
  }

  private refuse(key: string, reason: string): undefined {
    this.issues.push({ path: this.path(key), reason });
    return undefined;
  }
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent values are left out, so that the tree holds only what the service said. */
function withoutAbsent(tree: Tree): Tree {
  return Object.fromEntries(Object.entries(tree).filter(([, value]) => value !== undefined));
}
