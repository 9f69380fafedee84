import { readFile } from 'node:fs/promises';
import { getMetadataStorage } from 'class-validator';
import { EnvelopeDto, payloadClassFor } from '@pcms/envelope';
import { NOTICE_XSD_PATH } from '@pcms/notice';
import { parseStringPromise } from 'xml2js';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// class-transformer keeps its @Type metadata in a storage it exports only from cjs/ (no typings there).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

// Field paths, written the same way for a schema and for a document so that they compare:
// notices as XML element paths (`Notice/Subject/PersonName/PersonSurName`, attributes `@href`),
// envelopes as JSON paths with `[]` for list elements (`payload.warrants[].charge`).

type XmlNode = Record<string, unknown>;

/** Every leaf element and attribute path the notice XSD allows, across all choice branches. */
export async function xsdLeafPaths(xsdFile: string = NOTICE_XSD_PATH): Promise<string[]> {
  const schema = (await parseStringPromise(await readFile(xsdFile, 'utf8'), {
    tagNameProcessors: [(name: string) => name.replace(/^.*:/u, '')],
  })) as { schema: XmlNode };
  const complexTypes = new Map<string, XmlNode>();
  for (const type of children(schema.schema, 'complexType')) complexTypes.set(attr(type, 'name'), type);
  const leaves: string[] = [];
  const walkType = (type: XmlNode, path: string, depth: number): void => {
    for (const attribute of children(type, 'attribute')) leaves.push(`${path}/@${attr(attribute, 'name')}`);
    for (const content of [...children(type, 'complexContent'), ...children(type, 'simpleContent')]) {
      for (const extension of children(content, 'extension')) {
        const base = complexTypes.get(stripPrefix(attr(extension, 'base')));
        if (base) walkType(base, path, depth);
        walkType(extension, path, depth);
      }
    }
    for (const group of [
      ...children(type, 'sequence'),
      ...children(type, 'choice'),
      ...children(type, 'all'),
    ]) {
      walkType(group, path, depth);
    }
    for (const element of children(type, 'element')) {
      const elementPath = `${path}/${attr(element, 'name')}`;
      const named = complexTypes.get(stripPrefix(attr(element, 'type')));
      const inline = children(element, 'complexType')[0];
      const complex = named ?? inline;
      // Depth bound: a recursive schema must not loop; the notice schema is a few levels deep.
      if (complex && depth < 12) walkType(complex, elementPath, depth + 1);
      else leaves.push(elementPath);
    }
  };
  for (const root of children(schema.schema, 'element')) {
    const type = complexTypes.get(stripPrefix(attr(root, 'type')));
    if (type) walkType(type, attr(root, 'name'), 0);
  }
  return [...new Set(leaves)].sort();
}

/** The leaf element and attribute paths present in one XML document. */
export async function xmlLeafPaths(xml: Buffer | string): Promise<string[]> {
  const document = (await parseStringPromise(xml.toString(), {
    tagNameProcessors: [(name: string) => name.replace(/^.*:/u, '')],
    attrNameProcessors: [(name: string) => name.replace(/^.*:/u, '')],
  })) as XmlNode;
  const leaves = new Set<string>();
  const walk = (node: unknown, path: string): void => {
    if (typeof node !== 'object' || node === null) {
      leaves.add(path);
      return;
    }
    const record = node as XmlNode;
    const attributes = (record.$ ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(attributes)) if (name !== 'xmlns') leaves.add(`${path}/@${name}`);
    const elements = Object.keys(record).filter((key) => key !== '$' && key !== '_');
    if (elements.length === 0 && Object.keys(attributes).length === 0) leaves.add(path);
    for (const name of elements) {
      for (const child of asArray(record[name])) walk(child, `${path}/${name}`);
    }
  };
  for (const [name, root] of Object.entries(document)) walk(root, name);
  return [...leaves].sort();
}

/** Every field path of an envelope of this type: the envelope's own and its payload DTO's. */
export function envelopeFieldPaths(type: string): string[] {
  const paths = dtoPaths(EnvelopeDto, '').filter((path) => !path.startsWith('payload'));
  const payload = payloadClassFor(type);
  if (payload) paths.push(...dtoPaths(payload, 'payload.'));
  return paths.sort();
}

/** The leaf paths of a JSON tree: `[]` for list elements, scalar lists are leaves. */
export function jsonLeafPaths(value: unknown, prefix = ''): string[] {
  const leaves = new Set<string>();
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      if (node.some((element) => typeof element === 'object' && element !== null)) {
        for (const element of node) walk(element, `${path}[]`);
      } else if (node.length > 0) leaves.add(path);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) walk(child, path === '' ? key : `${path}.${key}`);
    } else if (node !== undefined && node !== null && node !== '') {
      leaves.add(path);
    }
  };
  walk(value, prefix);
  return [...leaves].sort();
}

type DtoClass = new (...args: never[]) => object;

/** Properties declared to class-validator; a nested DTO (class-transformer @Type) is walked into. */
function dtoPaths(dto: DtoClass, prefix: string, depth = 0): string[] {
  const properties = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  const paths: string[] = [];
  for (const property of [...properties].sort()) {
    const typed = defaultMetadataStorage.findTypeMetadata(dto, property);
    const nested = typed?.typeFunction() as DtoClass | undefined;
    const isList = Reflect.getMetadata?.('design:type', dto.prototype as object, property) === Array;
    if (nested && depth < 8)
      paths.push(...dtoPaths(nested, `${prefix}${property}${isList ? '[]' : ''}.`, depth + 1));
    else paths.push(`${prefix}${property}`);
  }
  return paths;
}

function children(node: XmlNode, name: string): XmlNode[] {
  return asArray(node[name]) as XmlNode[];
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function attr(node: XmlNode, name: string): string {
  const attributes = (node.$ ?? {}) as Record<string, unknown>;
  return typeof attributes[name] === 'string' ? attributes[name] : '';
}

function stripPrefix(name: string): string {
  return name.replace(/^.*:/u, '');
}
