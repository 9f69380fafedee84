// Every number the envelope maps to a notice leaf takes the XSD's kind of number: a whole number
// where the schema says integer, so that 171.5 cm is refused at the door and not by INTERPOL's
// copy alone (issue 11). Read from the schema itself: a numeric leaf added there without its
// envelope field named here fails.
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as envelope from '../index';
import { BodyDto } from './body-unidentified-payload.dto';
import { PhysicalDescriptionDto } from './person-subject.dto';

type DtoClass = new () => object;

const XSD = readFileSync(join(__dirname, '..', '..', '..', 'notice', 'schema', 'i247-notice.xsd'), 'utf8');
const INTEGER_BASES = /^xs:(integer|positiveInteger|nonNegativeInteger|int|long|short)$/;
const DECIMAL_BASES = /^xs:(decimal|double|float)$/;

/** Simple types by name, with the XSD base they restrict. */
const BASES = new Map(
  [...XSD.matchAll(/<xs:simpleType name="(\w+)">\s*<xs:restriction base="([\w:]+)"/g)].map((m) => [
    m[1],
    m[2],
  ]),
);

function kindOf(type: string): 'integer' | 'decimal' | undefined {
  const base = BASES.get(type) ?? type;
  if (INTEGER_BASES.test(base)) return 'integer';
  return DECIMAL_BASES.test(base) ? 'decimal' : undefined;
}

/** Every numeric leaf of the notice schema: element name -> integer or decimal. */
const NUMERIC_LEAVES = new Map(
  [...XSD.matchAll(/<xs:element name="(\w+)" type="([\w:]+)"/g)]
    .map((m) => [m[1], kindOf(m[2])] as const)
    .filter((entry): entry is readonly [string, 'integer' | 'decimal'] => entry[1] !== undefined),
);

/** The envelope field each numeric leaf is written from (notice.writer.ts). */
const ENVELOPE_FIELD: Record<string, [DtoClass, string]> = {
  PersonHeightCm: [PhysicalDescriptionDto, 'heightCm'],
  PersonWeightKg: [PhysicalDescriptionDto, 'weightKg'],
  BodyHeightCm: [BodyDto, 'heightCm'],
  BodyEstimatedAgeMinimum: [BodyDto, 'estimatedAgeMin'],
  BodyEstimatedAgeMaximum: [BodyDto, 'estimatedAgeMax'],
};

function rulesOf(cls: DtoClass, property: string): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .filter((meta) => meta.propertyName === property)
      .map((meta) => meta.name ?? meta.type),
  );
}

describe('numeric fields: the XSD kind of number', () => {
  it('finds the numeric leaves of the notice schema', () => {
    expect([...NUMERIC_LEAVES.keys()].sort()).toEqual(Object.keys(ENVELOPE_FIELD).sort());
  });

  it.each(Object.entries(ENVELOPE_FIELD))(
    '%s: the envelope field takes the same kind of number',
    (leaf, [cls, property]) => {
      const rules = rulesOf(cls, property);
      const kind = rules.has('isInt') ? 'integer' : rules.has('isNumber') ? 'decimal' : 'none';

      expect(kind).toBe(NUMERIC_LEAVES.get(leaf));
    },
  );

  it('knows every numeric field of the contract', () => {
    const numeric = Object.entries(envelope)
      .filter(([name, value]) => name.endsWith('Dto') && typeof value === 'function')
      .flatMap(([name, value]) =>
        getMetadataStorage()
          .getTargetValidationMetadatas(value as DtoClass, '', true, false)
          .filter((meta) => meta.name === 'isInt' || meta.name === 'isNumber')
          .map((meta) => `${name}.${meta.propertyName}`),
      );
    const mapped = Object.values(ENVELOPE_FIELD).map(([cls, property]) => `${cls.name}.${property}`);

    expect([...new Set(numeric)].sort()).toEqual([...new Set(mapped)].sort());
  });
});
