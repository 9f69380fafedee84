// Every text and every list of the contract carries the bound of the notice field it maps to: a
// field added without one would again let a platform send what the INTERPOL copy cannot hold.
// The values are @pcms/notice's, which notice.constants.spec.ts pins to the XSD.
import { NOTICE_OCCURS_LIMITS, NOTICE_TEXT_LIMITS } from '@pcms/notice';
import { getMetadataStorage } from 'class-validator';
import * as envelope from '../index';
import { PersonNameDto, PersonSubjectDto, PhotoDto } from './person-subject.dto';
import { WarrantDto } from './person-wanted-payload.dto';
import { SanctionedEntityDto } from './sanctions-un-payload.dto';

type DtoClass = new () => object;

const DTO_CLASSES = Object.entries(envelope)
  .filter(([name, value]) => name.endsWith('Dto') && typeof value === 'function')
  .map(([name, value]) => [name, value as DtoClass] as const)
  // Envelope routing fields are ids and codes (enumerations), not free text.
  .filter(([name]) => name !== 'EnvelopeDto' && name !== 'HandlingDto');

function constraintsOf(cls: DtoClass): Map<string, Map<string, unknown[]>> {
  const byProperty = new Map<string, Map<string, unknown[]>>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const name = meta.name ?? meta.type;
    const own = byProperty.get(meta.propertyName) ?? new Map<string, unknown[]>();
    own.set(name, (meta.constraints ?? []) as unknown[]);
    byProperty.set(meta.propertyName, own);
  }
  return byProperty;
}

describe('DTO bounds', () => {
  it('finds the payload DTOs through the public index', () => {
    expect(DTO_CLASSES.length).toBeGreaterThan(20);
  });

  it.each(DTO_CLASSES)('%s bounds every text and every list', (_name, cls) => {
    const unbounded: string[] = [];
    for (const [property, rules] of constraintsOf(cls)) {
      const isText = rules.has('isString') || rules.has('isText');
      if (isText && !rules.has('maxChars')) unbounded.push(`${property}: text without maxChars`);
      if (rules.has('isArray') && !rules.has('arrayMaxSize'))
        unbounded.push(`${property}: list without arrayMaxSize`);
    }
    expect(unbounded).toEqual([]);
  });

  it.each([
    [PersonSubjectDto, 'aliases', 'arrayMaxSize', NOTICE_OCCURS_LIMITS.aliases],
    [PersonSubjectDto, 'nationalities', 'arrayMaxSize', NOTICE_OCCURS_LIMITS.nationalities],
    [PersonSubjectDto, 'photos', 'arrayMaxSize', NOTICE_OCCURS_LIMITS.photos],
    [PersonNameDto, 'familyName', 'maxChars', NOTICE_TEXT_LIMITS.name],
    [PhotoDto, 'uri', 'maxChars', NOTICE_TEXT_LIMITS.href],
    [WarrantDto, 'charge', 'maxChars', NOTICE_TEXT_LIMITS.charge],
    [SanctionedEntityDto, 'alsoKnownAs', 'arrayMaxSize', NOTICE_OCCURS_LIMITS.entityNames],
  ] as const)('%p.%s has %s equal to the notice schema (%d)', (cls, property, rule, expected) => {
    expect(constraintsOf(cls).get(property)?.get(rule)).toEqual([expected]);
  });
});
