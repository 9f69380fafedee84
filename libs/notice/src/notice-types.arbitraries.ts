// fast-check arbitraries of valid notices, one per type, for the property specs. Test-only: not
// exported from the lib's index.
import fc from 'fast-check';
import { DIFFUSION_URGENCIES, HAZARD_TYPES, THREAT_CATEGORIES } from './notice-details.model';
import { EYE_COLOUR_CODES, Notice, NoticeSubject, NoticeType, NOTICE_SEX_CODES } from './notice.model';

/** The details block a notice carries under `key` (`'threat'`: a GREEN notice's), typed by the model. */
type DetailsOf<K extends keyof Notice> = NonNullable<Notice[K]>;

/** Trimmed, non-blank, printable text: awkward names and markup characters included. */
export const text = (maxLength = 20): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.constantFrom('Mahamat Saleh', 'محمد صالح أبكر', 'KABORÉ', "N'Djamena", 'a & <b> "c"', 'Ségou'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength }),
    )
    .map((value) => value.trim())
    // C0 controls: a CR would come back as LF (XML 1.0 §2.11); the others are not XML characters.
    // eslint-disable-next-line no-control-regex -- excluding control characters is the point here
    .filter((value) => value !== '' && !/[\u0000-\u001F\uFFFE\uFFFF]/.test(value));

export const interpolDate = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .chain((date) => {
    const [year, month, day] = date.toISOString().slice(0, 10).split('-');
    return fc.constantFrom(year, `${year}/${month}`, `${year}/${month}/${day}`);
  });
const fullDate = interpolDate.filter((date) => date.length === 10);
const country = fc.constantFrom('BF', 'TD', 'ML', 'MR', 'NE', 'DZ', 'SD', 'FR');
const countries = (max: number) => fc.array(country, { maxLength: max });
const noticeId = fc.oneof(
  fc.uuid(),
  fc.integer({ min: 1, max: 99999 }).map((n) => `2025/${n}`),
);
const photo = fc.record(
  { href: fc.webUrl({ withQueryParameters: true }), caption: text() },
  { requiredKeys: ['href'] },
);

export const subject: fc.Arbitrary<NoticeSubject> = fc.record(
  {
    surname: text(),
    givenName: text(),
    nameOriginalScript: text(),
    aliases: fc.array(fc.record({ surname: text(), givenName: text() }, { requiredKeys: ['surname'] }), {
      maxLength: 3,
    }),
    sex: fc.constantFrom(...NOTICE_SEX_CODES),
    birthDate: interpolDate,
    birthPlace: text(),
    birthCountry: fc.oneof(country, fc.constant('Tchad')),
    nationalities: countries(3),
    heightCm: fc.integer({ min: 1, max: 300 }),
    eyeColours: fc.subarray([...EYE_COLOUR_CODES], { maxLength: 2 }),
    hairColours: fc.constant([]),
    languages: fc.subarray(['FRE', 'ARA', 'BAM', 'HAU']),
    photos: fc.array(photo, { maxLength: 2 }),
  },
  {
    requiredKeys: ['surname', 'aliases', 'nationalities', 'eyeColours', 'hairColours', 'languages', 'photos'],
  },
);

const missingPerson: fc.Arbitrary<DetailsOf<'missingPerson'>> = fc.record(
  {
    birthName: text(),
    motherSurname: text(),
    disappearanceDate: interpolDate,
    disappearanceCountryCode: country,
    circumstances: text(60),
  },
  { requiredKeys: [] },
);
const inquiry: fc.Arbitrary<DetailsOf<'inquiry'>> = fc.record(
  { purpose: text(), requested: text(), lastKnownCountryCode: country, activities: text(60) },
  { requiredKeys: ['purpose'] },
);
const body: fc.Arbitrary<DetailsOf<'body'>> = fc
  .record(
    {
      description: text(60),
      foundDate: interpolDate,
      foundCountryCode: country,
      sex: fc.constantFrom(...NOTICE_SEX_CODES),
      estimatedAgeMin: fc.integer({ min: 0, max: 40 }),
      heightCm: fc.integer({ min: 1, max: 300 }),
      photos: fc.array(photo, { maxLength: 2 }),
      possibleIdentity: fc.record(
        { surname: text(), givenName: text(), nationalities: countries(2) },
        { requiredKeys: ['surname', 'nationalities'] },
      ),
    },
    { requiredKeys: ['description', 'photos'] },
  )
  .map((value) =>
    value.estimatedAgeMin === undefined ? value : { ...value, estimatedAgeMax: value.estimatedAgeMin + 10 },
  );
const threat: fc.Arbitrary<DetailsOf<'threat'>> = fc.record(
  {
    category: fc.constantFrom(...THREAT_CATEGORIES),
    description: text(60),
    assessedDate: interpolDate,
    armedAndDangerous: fc.boolean(),
  },
  { requiredKeys: ['category', 'description'] },
);
const hazard: fc.Arbitrary<DetailsOf<'hazard'>> = fc.record(
  {
    hazardType: fc.constantFrom(...HAZARD_TYPES),
    description: text(60),
    place: text(),
    countryCode: country,
  },
  { requiredKeys: ['hazardType', 'description'] },
);
const modusOperandi: fc.Arbitrary<DetailsOf<'modusOperandi'>> = fc.record(
  {
    offence: text(),
    description: text(60),
    methods: fc.array(text(), { maxLength: 3 }),
    objects: fc.array(text(), { maxLength: 3 }),
    periodFrom: interpolDate,
    countryCodes: countries(3),
  },
  { requiredKeys: ['offence', 'description', 'methods', 'objects', 'countryCodes'] },
);
const unEntity = fc.record({
  name: text(),
  alsoKnownAs: fc.array(text(), { maxLength: 3 }),
  formerlyKnownAs: fc.array(text(), { maxLength: 2 }),
  addresses: fc.array(text(40), { maxLength: 2 }),
});
const identityDocument = fc.record(
  { documentType: text(), documentNumber: text(), issuingCountryCode: country, expiryDate: interpolDate },
  { requiredKeys: ['documentType', 'documentNumber'] },
);
/** On an entity (no subject then) or on a person, whose profession it may give. */
const unSanction = (withEntity: boolean): fc.Arbitrary<DetailsOf<'unSanction'>> =>
  fc
    .tuple(
      fc.record(
        {
          unReference: text(),
          unReferenceDate: interpolDate,
          identityDocuments: fc.array(identityDocument, { maxLength: 2 }),
        },
        { requiredKeys: ['unReference', 'identityDocuments'] },
      ),
      unEntity,
      fc.option(text(), { nil: undefined }),
    )
    .map(([base, entity, profession]) => {
      if (withEntity) return { ...base, entity };
      return profession === undefined ? base : { ...base, profession };
    });
const diffusion: fc.Arbitrary<DetailsOf<'diffusion'>> = fc.record(
  {
    kind: fc.constantFrom('REQUEST' as const, 'RESPONSE' as const),
    subjectLine: text(),
    text: text(80),
    urgency: fc.constantFrom(...DIFFUSION_URGENCIES),
    found: fc.boolean(),
  },
  { requiredKeys: ['kind', 'subjectLine', 'text'] },
);

const header = fc.record(
  { noticeId, issueDate: fullDate, classification: fc.constantFrom('RESTRICTED', 'CONFIDENTIAL') },
  { requiredKeys: ['noticeId', 'issueDate'] },
);
const facts = fc.option(
  fc.record({ summary: text(60), countryCode: country }, { requiredKeys: ['summary'] }),
  {
    nil: undefined,
  },
);
const warrant = fc.record(
  { warrantReference: text(), issuingCountryCode: country, issueDate: interpolDate, charge: text(40) },
  { requiredKeys: ['warrantReference', 'issuingCountryCode', 'charge'] },
);

function notice(
  noticeType: NoticeType,
  person: fc.Arbitrary<NoticeSubject | undefined>,
  details: fc.Arbitrary<Partial<Notice>>,
): fc.Arbitrary<Notice> {
  return fc.tuple(header, person, facts, details).map(([head, who, what, rest]) => ({
    noticeType,
    ...head,
    ...(who === undefined ? {} : { subject: who }),
    ...(what === undefined ? {} : { facts: what }),
    arrestWarrants: [],
    ...rest,
  }));
}

const maybeSubject = fc.option(subject, { nil: undefined });

/** One arbitrary per type, each producing notices the codec must accept. */
export const VALID_NOTICE_OF: Readonly<Record<NoticeType, fc.Arbitrary<Notice>>> = {
  RED: notice(
    'RED',
    subject,
    fc.record({ arrestWarrants: fc.array(warrant, { minLength: 1, maxLength: 3 }) }),
  ),
  YELLOW: notice('YELLOW', subject, fc.record({ missingPerson })),
  BLUE: notice('BLUE', subject, fc.record({ inquiry })),
  BLACK: notice('BLACK', fc.constant(undefined), fc.record({ body })),
  GREEN: notice('GREEN', subject, fc.record({ threat })),
  ORANGE: notice('ORANGE', maybeSubject, fc.record({ hazard })),
  PURPLE: notice('PURPLE', fc.constant(undefined), fc.record({ modusOperandi })),
  UN: fc.oneof(
    notice('UN', subject, fc.record({ unSanction: unSanction(false) })),
    notice('UN', fc.constant(undefined), fc.record({ unSanction: unSanction(true) })),
  ),
  DIFFUSION: notice(
    'DIFFUSION',
    maybeSubject,
    fc
      .tuple(diffusion, noticeId)
      .map(([message, request]) =>
        message.kind === 'RESPONSE' ? { diffusion: message, inReplyTo: request } : { diffusion: message },
      ),
  ),
};
