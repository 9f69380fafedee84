import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoticeCodec } from './notice.codec';
import { NoticeError, NoticeErrorCode } from './notice.error';
import { Notice, NoticeSubject } from './notice.model';

/** A notice of a type that names a person: RED, as every notice of this spec. */
type PersonNotice = Notice & { subject: NoticeSubject };

const VALID = join(__dirname, '..', 'fixtures', 'valid');
const FULL = readFileSync(join(VALID, 'red-full-mali-niger.xml'), 'utf8');
const MINIMAL = readFileSync(join(VALID, 'red-minimal.xml'), 'utf8');

function failure(action: () => unknown): NoticeError {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof NoticeError) return error;
    throw error;
  }
  throw new Error('expected a NoticeError');
}

function paths(error: NoticeError): string[] {
  return error.issues.map((issue) => issue.path);
}

function minimalNotice(): PersonNotice {
  const notice = new NoticeCodec().parse(MINIMAL);
  if (!notice.subject) throw new Error('red-minimal.xml must name its subject');
  return { ...notice, subject: notice.subject };
}

describe(NoticeCodec.name, () => {
  const sut = new NoticeCodec();

  describe('parse', () => {
    it('reads a string and the same document as UTF-8 bytes alike', () => {
      expect(sut.parse(FULL)).toEqual(sut.parse(Buffer.from(FULL, 'utf8')));
    });

    it('accepts a UTF-8 byte order mark', () => {
      const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MINIMAL)]);
      expect(sut.parse(withBom).subject?.surname).toBe('OULD SALEM');
      expect(sut.parse(`\uFEFF${MINIMAL}`).subject?.surname).toBe('OULD SALEM');
    });

    it('keeps arrays present and optionals absent on a minimal notice', () => {
      const notice = sut.parse(MINIMAL);
      expect(notice.subject).toEqual({
        surname: 'OULD SALEM',
        aliases: [],
        nationalities: [],
        eyeColours: [],
        hairColours: [],
        languages: [],
        photos: [],
      });
      expect('facts' in notice).toBe(false);
      expect('classification' in notice).toBe(false);
    });

    it('refuses a Notice root in the right namespace under another name', () => {
      const error = failure(() => sut.parse(MINIMAL.replace(/<(\/?)Notice\b/g, '<$1Avis')));
      expect(error.code).toBe(NoticeErrorCode.NOTICE_INVALID);
      expect(paths(error)).toEqual(['/Avis']);
    });

    it('lists every content problem with its path', () => {
      const xml = MINIMAL.replace(
        '<PersonSurName>OULD SALEM</PersonSurName>',
        '<PersonGivenName>Sidi</PersonGivenName>',
      )
        .replace(
          '</PersonName>',
          '</PersonName><PersonBirthDate>1984-03-17</PersonBirthDate><PersonNationality>Mali</PersonNationality><PersonHeightCm>tall</PersonHeightCm>',
        )
        .replace('<WarrantIssuingCountryCode>MR', '<WarrantIssuingCountryCode>mr');
      const error = failure(() => sut.parse(xml));
      expect(error.code).toBe(NoticeErrorCode.NOTICE_INVALID);
      expect(paths(error).sort()).toEqual([
        '/Notice/RedNoticeDetails/ArrestWarrant[1]/WarrantIssuingCountryCode',
        '/Notice/Subject/PersonBirthDate',
        '/Notice/Subject/PersonHeightCm',
        '/Notice/Subject/PersonName/PersonSurName',
        '/Notice/Subject/PersonNationality[1]',
      ]);
      expect(error.message).toContain('/Notice/Subject/PersonName/PersonSurName');
    });

    it.each([
      ['an unexpected attribute', MINIMAL.replace('<Notice ', '<Notice status="draft" '), '/Notice/@status'],
      ['text beside elements', MINIMAL.replace('<Subject>', '<Subject>loose text'), '/Notice/Subject'],
      [
        'a repeated single element',
        MINIMAL.replace('<PersonSurName>', '<PersonSurName>A</PersonSurName><PersonSurName>'),
        '/Notice/Subject/PersonName/PersonSurName',
      ],
      [
        'an element inside a text element',
        MINIMAL.replace('OULD SALEM', 'OULD <b>SALEM</b>'),
        '/Notice/Subject/PersonName/PersonSurName',
      ],
      [
        'an element of another namespace',
        MINIMAL.replace('</Subject>', '<x:Extra xmlns:x="urn:x"/></Subject>'),
        '/Notice/Subject/{urn:x}Extra',
      ],
      [
        'a photo without href',
        MINIMAL.replace('</PersonName>', '</PersonName><PersonPhoto caption="c"/>'),
        '/Notice/Subject/PersonPhoto[1]/@href',
      ],
      ['an empty surname', MINIMAL.replace('OULD SALEM', '  '), '/Notice/Subject/PersonName/PersonSurName'],
      [
        'an unknown eye colour',
        MINIMAL.replace('</PersonName>', '</PersonName><PersonEyeColorCode>PUR</PersonEyeColorCode>'),
        '/Notice/Subject/PersonEyeColorCode[1]',
      ],
      [
        'a lower-case language code',
        MINIMAL.replace('</PersonName>', '</PersonName><PersonLanguageCode>fre</PersonLanguageCode>'),
        '/Notice/Subject/PersonLanguageCode[1]',
      ],
      [
        'a surname over 100 characters',
        MINIMAL.replace('OULD SALEM', 'A'.repeat(101)),
        '/Notice/Subject/PersonName/PersonSurName',
      ],
      [
        'a missing RED section',
        MINIMAL.replace(/<RedNoticeDetails>[\s\S]*<\/RedNoticeDetails>/, ''),
        '/Notice/RedNoticeDetails',
      ],
    ])('reports %s', (_case, xml, path) => {
      const error = failure(() => sut.parse(xml));
      expect(error.code).toBe(NoticeErrorCode.NOTICE_INVALID);
      expect(paths(error)).toContain(path);
    });
  });

  describe('serialize', () => {
    it('writes UTF-8 XML with a declaration and the default namespace', () => {
      const xml = sut.serialize(minimalNotice());
      expect(
        xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Notice xmlns="urn:pcms:i247:notice:1">'),
      ).toBe(true);
    });

    it('omits absent optionals and empty lists', () => {
      const xml = sut.serialize(minimalNotice());
      for (const element of [
        'SecurityClassification',
        'PersonAlias',
        'PersonNationality',
        'PersonPhoto',
        'CaseFacts',
        'PersonGivenName',
      ]) {
        expect(xml).not.toContain(`<${element}`);
      }
    });

    it('writes elements in the XSD sequence order whatever the object key order', () => {
      const notice = minimalNotice();
      const reordered: Notice = {
        arrestWarrants: notice.arrestWarrants,
        facts: { countryCode: 'MR', summary: 'Facts' },
        subject: { ...notice.subject, languages: ['ARA'], nationalities: ['MR'] },
        issueDate: notice.issueDate,
        noticeId: notice.noticeId,
        noticeType: 'RED',
      };
      const xml = sut.serialize(reordered);
      const order = [
        '<NoticeType>',
        '<NoticeID>',
        '<NoticeIssueDate>',
        '<Subject>',
        '<PersonNationality>',
        '<PersonLanguageCode>',
        '<CaseFacts>',
        '<FactsSummary>',
        '<FactsCountryCode>',
        '<RedNoticeDetails>',
      ];
      const positions = order.map((tag) => xml.indexOf(tag));
      expect(positions.every((position) => position > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    it('escapes markup characters and reads them back unchanged', () => {
      const notice = minimalNotice();
      notice.arrestWarrants[0].charge = 'Fraud <"forgery"> & \'use\'';
      notice.subject.photos = [{ href: 'https://example.org/p?a=1&b=2', caption: 'Side "view" <2>' }];
      const xml = sut.serialize(notice);
      expect(xml).toContain('Fraud &lt;"forgery"&gt; &amp; \'use\'');
      expect(sut.parse(xml)).toEqual(notice);
    });

    it.each<[string, (notice: PersonNotice) => void, string]>([
      ['no warrant on a RED', (n) => (n.arrestWarrants = []), '/Notice/RedNoticeDetails/ArrestWarrant'],
      [
        'a date in the wrong form',
        (n) => (n.subject.birthDate = '17/03/1984'),
        '/Notice/Subject/PersonBirthDate',
      ],
      ['an issue date without day', (n) => (n.issueDate = '2025/01'), '/Notice/NoticeIssueDate'],
      ['a fractional height', (n) => (n.subject.heightCm = 175.5), '/Notice/Subject/PersonHeightCm'],
      [
        'an unknown hair colour',
        (n) => (n.subject.hairColours = ['PINK']),
        '/Notice/Subject/PersonHairColorCode[1]',
      ],
      [
        'a relative photo reference',
        (n) => (n.subject.photos = [{ href: 'photo 1.jpg' }]),
        '/Notice/Subject/PersonPhoto[1]/@href',
      ],
      [
        'a control character',
        (n) => (n.subject.surname = 'A\u0000B'),
        '/Notice/Subject/PersonName/PersonSurName',
      ],
      [
        'a surname of the wrong type',
        (n) => Object.assign(n.subject, { surname: 42 }),
        '/Notice/Subject/PersonName/PersonSurName',
      ],
      [
        'an alias list of the wrong type',
        (n) => Object.assign(n.subject, { aliases: 'none' }),
        '/Notice/Subject/PersonAlias',
      ],
      ['an unknown notice type', (n) => Object.assign(n, { noticeType: 'PINK' }), '/Notice/NoticeType'],
    ])('refuses to write %s', (_case, spoil, path) => {
      const notice = minimalNotice();
      spoil(notice);
      const error = failure(() => sut.serialize(notice));
      expect(error.code).toBe(NoticeErrorCode.NOTICE_INVALID);
      expect(paths(error)).toContain(path);
    });
  });
});
