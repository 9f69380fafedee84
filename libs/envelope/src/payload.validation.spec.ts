// The typed payload of every message type (docs/architecture.md, "Payloads of the other types"):
// each valid fixture is accepted, and each broken field is reported at its exact path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageType } from './envelope.constants';
import type { ValidationIssue } from './envelope.types';
import { validateEnvelope } from './envelope.validator';

// These tests break payloads on purpose: a loose type is the point.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
type TypedMessageType = Exclude<MessageType, 'incident.report'>;

const FIXTURE_OF: Record<TypedMessageType, string> = {
  'person.wanted': 'person-wanted.np-ml.json',
  'person.missing': 'person-missing.np-bf.json',
  'person.information': 'person-information.np-td.json',
  'body.unidentified': 'body-unidentified.np-ne.json',
  'alert.threat': 'alert-threat.np-mr.json',
  'alert.hazard': 'alert-hazard.rp.json',
  'modus-operandi': 'modus-operandi.np-ml.json',
  'sanctions.un': 'sanctions-un.person.json',
  'request.information': 'request-information.np-ne.json',
  'response.information': 'response-information.np-ml.json',
};
const TYPES = Object.keys(FIXTURE_OF) as TypedMessageType[];

function envelopeOf(type: TypedMessageType): Json {
  const file = join(__dirname, '..', 'fixtures', 'valid', FIXTURE_OF[type]);
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

/** `'subject.nationalities[1]'` → `['subject', 'nationalities', 1]`. */
function keysOf(path: string): (string | number)[] {
  return path.split(/\.|(?=\[)/).map((key) => (key.startsWith('[') ? Number(key.slice(1, -1)) : key));
}

/** Sets (or, with `undefined`, deletes) the value at `path` under `root`, creating objects on the way. */
function setAt(root: Json, path: string, value: unknown): void {
  const keys = keysOf(path);
  const parent = keys.slice(0, -1).reduce<Json>((node, key) => (node[key] ??= {}) as Json, root);
  const last = keys[keys.length - 1];
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

function issuesOf(envelope: Json): ValidationIssue[] {
  const result = validateEnvelope(envelope);
  return result.ok ? [] : result.issues;
}

/** The envelope of `type` with one payload field changed. */
function payloadWith(type: TypedMessageType, path: string, value: unknown): Json {
  const envelope = envelopeOf(type);
  setAt(envelope.payload as Json, path, value);
  return envelope;
}

const REQUIRED: Record<TypedMessageType, string[]> = {
  'person.wanted': ['subject', 'subject.familyName', 'warrants', 'warrants[0].charge'],
  'person.missing': ['subject', 'subject.familyName', 'disappearance'],
  'person.information': ['subject', 'inquiry', 'inquiry.purpose'],
  'body.unidentified': ['body', 'body.description', 'possibleIdentity.familyName'],
  'alert.threat': ['subject', 'threat', 'threat.category', 'threat.description', 'facts.summary'],
  'alert.hazard': ['hazard', 'hazard.kind', 'hazard.description'],
  'modus-operandi': ['modusOperandi', 'modusOperandi.offence', 'modusOperandi.description'],
  'sanctions.un': ['un', 'un.reference', 'identityDocuments[0].type', 'identityDocuments[0].number'],
  'request.information': ['request', 'request.subjectLine', 'request.text'],
  'response.information': ['response', 'response.subjectLine', 'response.text'],
};

const REQUIRED_CASES = TYPES.flatMap((type) => REQUIRED[type].map((path) => [type, path] as const));

// [type, field, value the contract refuses, what the reason must say]
const REFUSED_VALUES: [TypedMessageType, string, unknown, RegExp][] = [
  ['person.missing', 'subject.sex', 'female', /one of the following values: M, F, U/],
  ['person.missing', 'disappearance.country', 'Burkina Faso', /alpha-2/],
  ['person.missing', 'disappearance.date', '2024-02-30', /real date/],
  ['person.missing', 'family.birthName', '', /should not be empty/],
  ['person.information', 'inquiry.lastKnownCountry', 'TCD', /alpha-2/],
  ['person.information', 'subject.birthDate', '79', /real date/],
  ['person.information', 'subject.nationalities[2]', 'ly', /alpha-2/],
  ['body.unidentified', 'body.sex', 'male', /one of the following values/],
  ['body.unidentified', 'body.foundCountry', 'ne', /alpha-2/],
  ['body.unidentified', 'body.foundOn', '2024-13', /real date/],
  ['body.unidentified', 'body.estimatedAgeMin', -1, /not be less than 0/],
  ['body.unidentified', 'body.estimatedAgeMax', 35.5, /integer/],
  ['body.unidentified', 'body.photos[0].uri', 'tattoo.jpg', /absolute URI/],
  ['body.unidentified', 'possibleIdentity.nationalities[1]', 'ZZ', /alpha-2/],
  ['alert.threat', 'threat.category', 'Terrorism', /terrorism, organised-crime, violent, sexual, other/],
  ['alert.threat', 'threat.assessedOn', '2024-06-31', /real date/],
  ['alert.threat', 'threat.armedAndDangerous', 'yes', /boolean/],
  ['alert.threat', 'facts.country', 'Mauritanie', /alpha-2/],
  ['alert.hazard', 'hazard.kind', 'explosive', /weapon, parcel-bomb, dangerous-material, event, other/],
  ['alert.hazard', 'hazard.detectedOn', '02/06/2024', /real date/],
  ['alert.hazard', 'hazard.country', 'Burkina Faso', /alpha-2/],
  ['modus-operandi', 'modusOperandi.methods[1]', '', /non-empty string/],
  ['modus-operandi', 'modusOperandi.countries[2]', 'ALG', /alpha-2/],
  ['modus-operandi', 'modusOperandi.periodFrom', '2023-00', /real date/],
  ['modus-operandi', 'modusOperandi.objects', 'trucks', /array/],
  ['sanctions.un', 'un.referenceDate', '21/02/2019', /real date/],
  ['sanctions.un', 'identityDocuments[0].issuingCountry', 'MLI', /alpha-2/],
  ['sanctions.un', 'identityDocuments[0].expiresOn', '2020-02-30', /real date/],
  ['sanctions.un', 'subject.profession', '', /should not be empty/],
  ['request.information', 'request.urgency', 'high', /routine, urgent/],
  ['request.information', 'subject.birthPlace.country', 'Mali', /alpha-2/],
  ['response.information', 'response.found', 'yes', /boolean/],
];

describe('typed payloads', () => {
  it.each(TYPES)('accepts the valid %s fixture', (type) => {
    expect(issuesOf(envelopeOf(type))).toEqual([]);
  });

  it.each(REQUIRED_CASES)('%s: says payload.%s is required, there and only there', (type, path) => {
    const sut = issuesOf(payloadWith(type, path, undefined));

    expect(sut).toEqual([{ path: `payload.${path}`, reason: 'is required' }]);
  });

  it.each(REFUSED_VALUES)('%s: refuses payload.%s = %p', (type, path, value, reason) => {
    const sut = issuesOf(payloadWith(type, path, value));

    expect(sut.map((issue) => issue.path)).toEqual([`payload.${path}`]);
    expect(sut[0].reason).toMatch(reason);
  });

  it.each(TYPES)('%s: refuses a property the contract does not have', (type) => {
    const envelope = envelopeOf(type);
    envelope.payload.notInTheContract = true;

    expect(issuesOf(envelope)).toEqual([
      { path: 'payload.notInTheContract', reason: 'is not an allowed property' },
    ]);
  });

  it('judges a payload by the rules of its own type only', () => {
    const envelope = envelopeOf('alert.hazard');
    envelope.type = 'alert.threat';

    expect(issuesOf(envelope).map((issue) => issue.path)).toEqual([
      'payload.hazard',
      'payload.subject',
      'payload.threat',
    ]);
  });

  it('leaves incident.report untyped: any JSON object', () => {
    const envelope = envelopeOf('alert.hazard');
    envelope.type = 'incident.report';

    expect(issuesOf(envelope)).toEqual([]);
  });
});

describe('rules across fields', () => {
  it('accepts an age range of one year and refuses one upside down, at the upper bound', () => {
    const exact = payloadWith('body.unidentified', 'body.estimatedAgeMax', 25);
    const reversed = payloadWith('body.unidentified', 'body.estimatedAgeMin', 36);

    expect(issuesOf(exact)).toEqual([]);
    expect(issuesOf(reversed)).toEqual([
      { path: 'payload.body.estimatedAgeMax', reason: 'must not be less than estimatedAgeMin' },
    ]);
  });

  it('accepts either bound of the age range alone', () => {
    const onlyMin = payloadWith('body.unidentified', 'body.estimatedAgeMax', undefined);
    const onlyMax = payloadWith('body.unidentified', 'body.estimatedAgeMin', undefined);

    expect([issuesOf(onlyMin), issuesOf(onlyMax)]).toEqual([[], []]);
  });

  it('accepts a UN notice about an entity, without a subject', () => {
    const entity = JSON.parse(
      readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'sanctions-un.entity.json'), 'utf8'),
    ) as Json;

    expect(issuesOf(entity)).toEqual([]);
  });

  it('refuses a UN notice about both a person and an entity, saying why', () => {
    const both = payloadWith('sanctions.un', 'entity', { name: 'Sahel Relief and Trade Company' });

    expect(issuesOf(both)).toEqual([
      {
        path: 'payload.subject',
        reason: 'must not be given with entity: a UN notice lists one person or one entity, not both',
      },
    ]);
  });

  it('refuses a UN notice about nobody, saying what is missing', () => {
    const nobody = payloadWith('sanctions.un', 'subject', undefined);

    expect(issuesOf(nobody)).toEqual([
      {
        path: 'payload.subject',
        reason: 'is required unless entity is given (a UN notice lists one person or one entity)',
      },
    ]);
  });

  it('checks the entity of a UN notice like any other block', () => {
    const envelope = payloadWith('sanctions.un', 'subject', undefined);
    envelope.payload.entity = { alsoKnownAs: ['SRTC', 7] };

    expect(issuesOf(envelope).map((issue) => issue.path)).toEqual([
      'payload.entity.name',
      'payload.entity.alsoKnownAs[1]',
    ]);
  });

  it('requires inReplyTo on a response.information only, with the reason', () => {
    const response = envelopeOf('response.information');
    delete response.inReplyTo;
    const request = envelopeOf('request.information');

    expect(issuesOf(response)).toEqual([
      { path: 'inReplyTo', reason: 'is required for response.information (the id of the request answered)' },
    ]);
    expect(request.inReplyTo).toBeUndefined();
    expect(issuesOf(request)).toEqual([]);
  });

  it.each([null, 'not-a-uuid', 42])('refuses inReplyTo = %p on a response', (inReplyTo) => {
    const response = envelopeOf('response.information');
    response.inReplyTo = inReplyTo;

    expect(issuesOf(response).map((issue) => issue.path)).toEqual(['inReplyTo']);
  });
});

describe('awkward real-world subjects', () => {
  // A Chadian known by an Arabic-script name and two transliterations, born "around 1975", with
  // three nationalities, no given names: common in the files the platforms exchange.
  const AWKWARD_SUBJECT = {
    familyName: 'ABAKAR',
    nameInOriginalScript: 'عبد الرحمن أبكر',
    aliases: [{ familyName: 'ABBAKAR', givenNames: 'Abderahmane' }, { familyName: 'ابكر' }],
    birthDate: '1975',
    nationalities: ['TD', 'NE', 'NG'],
    languages: ['ara', 'kan'],
  };
  const WITH_SUBJECT = TYPES.filter((type) => type !== 'body.unidentified' && type !== 'modus-operandi');

  it.each(WITH_SUBJECT)('%s accepts a subject known by a year of birth and an Arabic-script name', (type) => {
    const envelope = payloadWith(type, 'subject', AWKWARD_SUBJECT);
    if (type === 'sanctions.un') delete envelope.payload.entity;

    expect(issuesOf(envelope)).toEqual([]);
  });

  it.each(['1975', '1975-06', '1975-06-30'])(
    'accepts a possible identity of an unidentified body born %s',
    (date) => {
      const envelope = envelopeOf('body.unidentified');
      envelope.payload.possibleIdentity = { familyName: 'أبكر', nationalities: ['TD', 'SD', 'LY'] };
      envelope.payload.body.foundOn = date;

      expect(issuesOf(envelope)).toEqual([]);
    },
  );
});
