// The codec's limits and the envelope's (which reads them) must be the XSD's: a list or a text the
// envelope accepted and the notice schema refuses is a message delivered to the platforms while its
// INTERPOL copy is dead-lettered. Read from the schema file itself, so neither side can drift.
import { readFileSync } from 'node:fs';
import { AGE_YEARS_MAX, HEIGHT_CM_MAX, OCCURS_LIMITS, TEXT_LIMITS, WEIGHT_KG_MAX } from './notice.constants';
import { NOTICE_XSD_PATH } from './xsd.validator';

const XSD = readFileSync(NOTICE_XSD_PATH, 'utf8');

/** Where each limit sits in the schema: complex type, then child element or `@attribute`. */
const TEXT_LOCATIONS: Record<keyof typeof TEXT_LIMITS, [string, string]> = {
  classification: ['NoticeDocumentType', 'SecurityClassification'],
  name: ['PersonNameType', 'PersonSurName'],
  nameOriginalScript: ['PersonNameType', 'PersonNameOriginalScript'],
  place: ['SubjectType', 'PersonBirthPlace'],
  birthCountry: ['SubjectType', 'PersonBirthCountry'],
  marks: ['SubjectType', 'PersonDistinguishingMarks'],
  caption: ['PhotoType', '@caption'],
  href: ['PhotoType', '@href'],
  warrantReference: ['ArrestWarrantType', 'WarrantReference'],
  authority: ['ArrestWarrantType', 'WarrantIssuingAuthority'],
  charge: ['ChargeType', 'ChargeDescriptionText'],
  law: ['ChargeType', 'ChargeLaw'],
  penalty: ['ChargeType', 'ChargeMaximumPenalty'],
  summary: ['CaseFactsType', 'FactsSummary'],
  circumstances: ['YellowNoticeDetailsType', 'DisappearanceCircumstancesText'],
  purpose: ['BlueNoticeDetailsType', 'InquiryPurposeText'],
  requested: ['BlueNoticeDetailsType', 'InquiryRequestedText'],
  activities: ['BlueNoticeDetailsType', 'PersonActivitiesText'],
  description: ['BlackNoticeDetailsType', 'BodyDescriptionText'],
  causeOfDeath: ['BlackNoticeDetailsType', 'BodyCauseOfDeathText'],
  precautions: ['OrangeNoticeDetailsType', 'HazardPrecautionsText'],
  offence: ['PurpleNoticeDetailsType', 'ModusOperandiOffenceText'],
  method: ['PurpleNoticeDetailsType', 'ModusOperandiMethodText'],
  concealment: ['PurpleNoticeDetailsType', 'ModusOperandiConcealmentText'],
  unReference: ['UnSpecialNoticeDetailsType', 'UnReferenceID'],
  unResolution: ['UnSpecialNoticeDetailsType', 'UnResolutionText'],
  profession: ['UnSpecialNoticeDetailsType', 'PersonOccupationText'],
  entityName: ['UnEntityType', 'OrganizationName'],
  mainActivity: ['UnEntityType', 'OrganizationMainActivityText'],
  address: ['UnEntityType', 'OrganizationAddressText'],
  documentType: ['IdentityDocumentType', 'DocumentCategoryText'],
  documentNumber: ['IdentityDocumentType', 'DocumentIdentificationID'],
  subjectLine: ['DiffusionDetailsType', 'DiffusionSubjectText'],
  diffusionText: ['DiffusionDetailsType', 'DiffusionBodyText'],
};

const OCCURS_LOCATIONS: Record<keyof typeof OCCURS_LIMITS, [string, string][]> = {
  aliases: [['SubjectType', 'PersonAlias']],
  nationalities: [
    ['SubjectType', 'PersonNationality'],
    ['PossibleIdentityType', 'PersonNationality'],
  ],
  eyeColours: [['SubjectType', 'PersonEyeColorCode']],
  hairColours: [['SubjectType', 'PersonHairColorCode']],
  languages: [['SubjectType', 'PersonLanguageCode']],
  photos: [
    ['SubjectType', 'PersonPhoto'],
    ['BlackNoticeDetailsType', 'BodyPhoto'],
  ],
  arrestWarrants: [['RedNoticeDetailsType', 'ArrestWarrant']],
  methods: [['PurpleNoticeDetailsType', 'ModusOperandiMethodText']],
  objects: [['PurpleNoticeDetailsType', 'ModusOperandiObjectText']],
  countryCodes: [['PurpleNoticeDetailsType', 'ModusOperandiCountryCode']],
  entityNames: [
    ['UnEntityType', 'OrganizationAlsoKnownAsName'],
    ['UnEntityType', 'OrganizationFormerlyKnownAsName'],
  ],
  addresses: [['UnEntityType', 'OrganizationAddressText']],
  identityDocuments: [['UnSpecialNoticeDetailsType', 'IdentityDocument']],
};

function block(kind: 'complexType' | 'simpleType', name: string): string {
  const found = new RegExp(`<xs:${kind} name="${name}">([\\s\\S]*?)</xs:${kind}>`).exec(XSD);
  if (!found) throw new Error(`the XSD has no ${kind} ${name}`);
  return found[1];
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** The `<xs:element>` or `<xs:attribute>` declaration of `child` inside `complexType`. */
function declaration(complexType: string, child: string): string {
  const [kind, name] = child.startsWith('@') ? ['attribute', child.slice(1)] : ['element', child];
  const tag = new RegExp(`<xs:${kind} name="${name}"[^>]*>`).exec(block('complexType', complexType));
  if (!tag) throw new Error(`${complexType} declares no ${child}`);
  return tag[0];
}

function maxLengthOf(complexType: string, child: string): number {
  const type = attribute(declaration(complexType, child), 'type') as string;
  return Number(/<xs:maxLength value="(\d+)"\/>/.exec(block('simpleType', type))?.[1]);
}

function maxOccursOf(complexType: string, child: string): number {
  return Number(attribute(declaration(complexType, child), 'maxOccurs') ?? 1);
}

function maxInclusiveOf(simpleType: string): number {
  return Number(/<xs:maxInclusive value="(\d+)"\/>/.exec(block('simpleType', simpleType))?.[1]);
}

describe('notice limits against the XSD', () => {
  it.each(Object.entries(TEXT_LOCATIONS))('TEXT_LIMITS.%s is the maxLength of %j', (key, [type, child]) => {
    expect(TEXT_LIMITS[key as keyof typeof TEXT_LIMITS]).toBe(maxLengthOf(type, child));
  });

  it.each(Object.entries(OCCURS_LOCATIONS))('OCCURS_LIMITS.%s is the maxOccurs of %j', (key, places) => {
    for (const [type, child] of places) {
      expect(OCCURS_LIMITS[key as keyof typeof OCCURS_LIMITS]).toBe(maxOccursOf(type, child));
    }
  });

  it('bounds the numbers as the XSD does', () => {
    expect([HEIGHT_CM_MAX, WEIGHT_KG_MAX, AGE_YEARS_MAX]).toEqual([
      maxInclusiveOf('HeightCmType'),
      maxInclusiveOf('WeightKgType'),
      maxInclusiveOf('AgeYearsType'),
    ]);
  });
});
