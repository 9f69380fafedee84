import type { Mapping, MappingRule } from '@pcms/mapping';
import { MESSAGE_TYPES, payloadClassFor } from '@pcms/envelope';
import { envelopeFieldPaths, jsonLeafPaths, xmlLeafPaths, xsdLeafPaths } from './document.fields';
import { runMappingFixtureSet, type FixtureRun } from './fixture.runner';
import { FormatRegistry } from './format.registry';
import { MappingRegistry } from './mapping.registry';

/** Which target fields (rule `to` paths, list indexes left out) a mapping's fixtures fill. */
export interface MappingCoverage {
  mappingId: string;
  version: string;
  fixtures: number;
  failedFixtures: number;
  filled: string[];
  never: string[];
}

/** A field of a format's schema and whether some fixture document carries it. */
export interface FieldCoverage {
  path: string;
  /** Filled by a mapping's output (`output`), or present in a fixture input a mapping reads (`input`). */
  seenIn: ('output' | 'input')[];
}

/** Every field of one schema: the notice XSD, or the envelope of one PCMS message type. */
export interface SchemaCoverage {
  format: string;
  type?: string;
  fields: FieldCoverage[];
  /** Fields seen in no fixture document at all. */
  missing: string[];
}

export interface CoverageReport {
  mappings: MappingCoverage[];
  schemas: SchemaCoverage[];
}

const NOTICE = 'i247-notice';
const ENVELOPE = 'pcms-envelope';
/** The `type` of the envelope header's coverage, shared by every message type. */
const ENVELOPE_HEADER = 'header (every type)';

/**
 * What `mapping coverage` reports: per mapping, its rules' targets that no fixture fills; per
 * schema (XSD leaf elements and attributes; PCMS DTO fields of every typed message), the fields
 * no fixture document carries. A fixture that fails still counts for what it translated.
 */
export async function mappingCoverage(
  mappingsDir: string,
  formats: FormatRegistry = FormatRegistry.withDefaults(),
): Promise<CoverageReport> {
  const runs = await runMappingFixtureSet(mappingsDir, formats);
  const registry = new MappingRegistry();
  const { loaded } = await registry.loadDirectory(mappingsDir);
  const mappings = loaded.map((mapping) =>
    coverageOf(
      mapping,
      runs.filter((run) => run.mappingId === mapping.id && run.name !== 'mapping.yaml'),
    ),
  );
  const byId = new Map(loaded.map((mapping) => [mapping.id, mapping]));
  const documents = fixtureDocuments(runs, byId);
  return { mappings, schemas: [await noticeCoverage(documents), ...envelopeCoverage(documents)] };
}

function coverageOf(mapping: Mapping, runs: FixtureRun[]): MappingCoverage {
  const declared = leafTargets(mapping.rules, '');
  const traced = new Set(
    runs.flatMap((run) => run.translated?.trace ?? []).map((entry) => entry.to.replace(/\[\d+\]/gu, '')),
  );
  return {
    mappingId: mapping.id,
    version: mapping.version,
    fixtures: runs.length,
    failedFixtures: runs.filter((run) => !run.passed).length,
    filled: declared.filter((path) => traced.has(path)),
    never: declared.filter((path) => !traced.has(path)),
  };
}

function leafTargets(rules: readonly MappingRule[], prefix: string): string[] {
  return rules.flatMap((rule) =>
    rule.rules ? leafTargets(rule.rules, `${prefix}${rule.to}.`) : [`${prefix}${rule.to}`],
  );
}

interface FixtureDocument {
  format: string;
  role: 'output' | 'input';
  bytes: Buffer;
  value?: unknown;
}

function fixtureDocuments(runs: FixtureRun[], mappings: Map<string, Mapping>): FixtureDocument[] {
  const documents: FixtureDocument[] = [];
  for (const run of runs) {
    const mapping = mappings.get(run.mappingId);
    if (!mapping) continue;
    if (run.input) documents.push({ format: mapping.source.format, role: 'input', bytes: run.input });
    if (run.translated) {
      documents.push({
        format: mapping.target.format,
        role: 'output',
        bytes: run.translated.output,
        value: run.translated.value,
      });
    }
  }
  return documents;
}

async function noticeCoverage(documents: FixtureDocument[]): Promise<SchemaCoverage> {
  const seen = new Map<string, Set<'output' | 'input'>>();
  for (const document of documents.filter((candidate) => candidate.format === NOTICE)) {
    const paths = await xmlLeafPaths(document.bytes).catch(() => [] as string[]);
    for (const path of paths) seen.set(path, (seen.get(path) ?? new Set()).add(document.role));
  }
  return schemaCoverage(NOTICE, undefined, await xsdLeafPaths(), seen);
}

/**
 * The envelope's header (id, sender, correlationId, inReplyTo…) is one structure for every type:
 * it is reported once, from the fixtures of all types together; each type's payload on its own.
 */
function envelopeCoverage(documents: FixtureDocument[]): SchemaCoverage[] {
  const seenByType = new Map<string, Map<string, Set<'output' | 'input'>>>();
  const headerSeen = new Map<string, Set<'output' | 'input'>>();
  for (const document of documents.filter((candidate) => candidate.format === ENVELOPE)) {
    const tree = document.value ?? parseJson(document.bytes);
    const type = (tree as { type?: unknown } | undefined)?.type;
    if (typeof type !== 'string') continue;
    const seen = seenByType.get(type) ?? new Map<string, Set<'output' | 'input'>>();
    seenByType.set(type, seen);
    for (const path of jsonLeafPaths(tree)) {
      const into = isPayloadPath(path) ? seen : headerSeen;
      into.set(path, (into.get(path) ?? new Set()).add(document.role));
    }
  }
  const typed = MESSAGE_TYPES.filter((type) => payloadClassFor(type) !== undefined);
  const headerPaths = [...new Set(typed.flatMap((type) => envelopeFieldPaths(type)))].filter(
    (path) => !isPayloadPath(path),
  );
  return [
    schemaCoverage(ENVELOPE, ENVELOPE_HEADER, headerPaths, headerSeen),
    ...typed.map((type) =>
      schemaCoverage(
        ENVELOPE,
        type,
        envelopeFieldPaths(type).filter(isPayloadPath),
        seenByType.get(type) ?? new Map<string, Set<'output' | 'input'>>(),
      ),
    ),
  ];
}

function isPayloadPath(path: string): boolean {
  return path === 'payload' || path.startsWith('payload.') || path.startsWith('payload[');
}

function schemaCoverage(
  format: string,
  type: string | undefined,
  universe: string[],
  seen: Map<string, Set<'output' | 'input'>>,
): SchemaCoverage {
  const fields = universe.map((path) => ({ path, seenIn: [...(seen.get(path) ?? [])].sort() }));
  return {
    format,
    ...(type === undefined ? {} : { type }),
    fields,
    missing: fields.filter((field) => field.seenIn.length === 0).map((field) => field.path),
  };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
