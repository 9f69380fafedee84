import { TranslationError, TranslationErrorCode } from '../translation.error';
import { InterpolPublicJsonCodec } from './interpol-public-json.codec';

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
const self = (path: string) => ({ self: { href: `https://ws-public.interpol.int/notices/v1/${path}` } });

function refusal(run: () => unknown): TranslationError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof TranslationError) return error;
    throw error;
  }
  throw new Error('expected a TranslationError');
}

describe(InterpolPublicJsonCodec.name, () => {
  const sut = new InterpolPublicJsonCodec();

  it('smooths the quirks of a red notice: null forename, year alone, 0 height and weight, null lists, CRLF', () => {
    const tree = sut.parse(
      bytes({
        entity_id: '2011/40219',
        forename: null,
        name: ' AG  ALMOUBACHER ',
        date_of_birth: '1979',
        sex_id: 'M',
        height: 0,
        weight: 0,
        nationalities: ['ML', 'dz'],
        eyes_colors_id: null,
        hairs_id: null,
        languages_spoken_ids: null,
        arrest_warrants: [
          { charge: 'Kidnapping\r\nHostage taking', issuing_country_id: 'MR', charge_translation: null },
        ],
        _embedded: { links: [] },
        _links: self('red/2011-40219'),
      }),
    );
    expect(tree).toEqual({
      entity_id: '2011/40219',
      name: 'AG ALMOUBACHER',
      date_of_birth: '1979',
      sex_id: 'M',
      nationalities: ['ML', 'DZ'],
      eyes_colors_id: [],
      hairs_id: [],
      languages_spoken_ids: [],
      arrest_warrants: [
        { reference: '2011/40219#1', charge: 'Kidnapping\nHostage taking', issuing_country_id: 'MR' },
      ],
      _links: self('red/2011-40219'),
    });
    expect(sut.typeOf(tree)).toBe('red');
  });

  it('drops the "-" placeholder, keeps YYYY/MM dates, turns metres into centimetres', () => {
    const tree = sut.parse(
      bytes({
        entity_id: '2023/18850',
        forename: '-',
        name: 'DIALLO',
        date_of_birth: '1991/11',
        height: 1.65,
        weight: 65,
        arrest_warrants: [],
      }),
    ) as Record<string, unknown>;
    expect(tree).toMatchObject({ date_of_birth: '1991/11', height: 1.65, height_cm: 165, weight: 65 });
    expect(tree).not.toHaveProperty('forename');
    expect(sut.typeOf(tree)).toBe('red');
  });

  it('reads a yellow notice and tells it from its self link', () => {
    const tree = sut.parse(
      bytes({
        entity_id: '2022/7001',
        name: 'OULD SALEM',
        date_of_event: '2022/04/00',
        place: 'Néma',
        country: 'MR',
        father_forename: 'Sidi',
        _links: self('yellow/2022-7001'),
      }),
    );
    expect(tree).toMatchObject({
      date_of_event: '2022/04',
      place: 'Néma',
      country: 'MR',
      father_forename: 'Sidi',
    });
    expect(sut.typeOf(tree)).toBe('yellow');
  });

  it('reads a UN person with documents, aliases and an Arabic name', () => {
    const tree = sut.parse(
      bytes({
        entity_id: '2016/12345',
        name: 'AG GHALI',
        forename: 'IYAD',
        un_reference: 'QDi.316',
        un_reference_date: '2013/02/25',
        name_in_original_script: 'غالي',
        forename_in_original_script: 'إياد',
        identity_documents: [
          { type: 'Passport', nr: 'A123', issuing_country_id: 'ml', issued_on: '2010/01/01' },
        ],
        aliases: [{ name: 'GHALY', forename: 'Iyad' }],
        adresses: null,
        _links: self('un/persons/2016-12345'),
      }),
    );
    expect(tree).toMatchObject({
      un_reference: 'QDi.316',
      full_name_in_original_script: 'إياد غالي',
      identity_documents: [
        { type: 'Passport', nr: 'A123', issuing_country_id: 'ML', issued_on: '2010/01/01' },
      ],
      aliases: [{ name: 'GHALY', forename: 'Iyad' }],
    });
    expect(sut.typeOf(tree)).toBe('un');
  });

  it('groups a UN entity under "entity", its ;-separated names as lists', () => {
    const tree = sut.parse(
      bytes({
        entity_id: '2014/55',
        name: 'AL-MOURABITOUN',
        also_known_as: 'Al Mourabitoune; ; Les Signataires par le sang',
        main_activity: 'Terrorism',
        un_reference: 'QDe.141',
      }),
    );
    expect(tree).toEqual({
      entity_id: '2014/55',
      _links: {},
      un_reference: 'QDe.141',
      entity: {
        name: 'AL-MOURABITOUN',
        main_activity: 'Terrorism',
        also_known_as: ['Al Mourabitoune', 'Les Signataires par le sang'],
        formerly_known_as: [],
        adresses: [],
      },
    });
    expect(sut.typeOf(tree)).toBe('un');
  });

  it.each([
    ['not JSON', Buffer.from('{"entity_id": ')],
    ['not an object', bytes(['2011/40219'])],
    ['no entity id', bytes({ name: 'X' })],
    ['a malformed date', bytes({ entity_id: '2011/1', name: 'X', date_of_birth: '17/03/1984' })],
    ['a text where a list goes', bytes({ entity_id: '2011/1', name: 'X', nationalities: 'ML' })],
    ['a negative height', bytes({ entity_id: '2011/1', name: 'X', height: -1 })],
    ['a duplicate key', Buffer.from('{"entity_id":"2011/1","name":"A","name":"B"}')],
    ['nesting too deep', Buffer.from(`{"entity_id":"2011/1","x":${'['.repeat(40)}${']'.repeat(40)}}`)],
  ])('refuses %s with its coded error', (_case, input) => {
    expect(refusal(() => sut.parse(input)).code).toBe(TranslationErrorCode.InputInvalid);
  });

  it('names the field of every issue', () => {
    const error = refusal(() =>
      sut.parse(bytes({ entity_id: '2011/1', name: 7, arrest_warrants: [{ charge: 1 }] })),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['name', 'arrest_warrants[0].charge']);
  });

  it('refuses a document over the size limit before reading it', () => {
    const small = new InterpolPublicJsonCodec({ maxBytes: 64, maxDepth: 8 });
    const error = refusal(() => small.parse(bytes({ entity_id: '2011/1', name: 'X'.repeat(100) })));
    expect(error.message).toContain('limit is 64');
  });

  it('is read only: serialize refuses clearly', () => {
    const error = refusal(() => sut.serialize());
    expect(error.code).toBe(TranslationErrorCode.OutputInvalid);
    expect(error.message).toContain('read only');
  });
});
