import { envelopeFieldPaths, jsonLeafPaths, xmlLeafPaths, xsdLeafPaths } from './document.fields';

describe('document fields', () => {
  it('lists the leaf paths of the notice XSD, attributes included', async () => {
    const paths = await xsdLeafPaths();
    expect(paths).toEqual(
      expect.arrayContaining([
        'Notice/NoticeID',
        'Notice/Subject/PersonName/PersonSurName',
        'Notice/Subject/PersonPhoto/@href',
        'Notice/RedNoticeDetails/ArrestWarrant/Charge/ChargeDescriptionText',
      ]),
    );
    expect(paths).not.toContain('Notice/Subject');
  });

  it('lists the leaf paths present in a notice document the same way', async () => {
    const xml =
      '<Notice xmlns="urn:pcms:i247:notice:1"><NoticeID>x</NoticeID><Subject><PersonName>' +
      '<PersonSurName>A</PersonSurName></PersonName><PersonPhoto href="h"/></Subject></Notice>';
    await expect(xmlLeafPaths(xml)).resolves.toEqual([
      'Notice/NoticeID',
      'Notice/Subject/PersonName/PersonSurName',
      'Notice/Subject/PersonPhoto/@href',
    ]);
  });

  it('lists the envelope and payload fields of a type from its DTOs', () => {
    const paths = envelopeFieldPaths('person.wanted');
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'handling.releasableTo',
        'payload.subject.familyName',
        'payload.subject.aliases[].familyName',
        'payload.subject.nationalities',
        'payload.warrants[].charge',
      ]),
    );
    expect(paths).not.toContain('payload');
  });

  it('lists the leaf paths of a JSON tree, list elements as []', () => {
    expect(jsonLeafPaths({ a: { b: [{ c: 1 }, { d: 'x', e: '' }], f: ['X'], g: [] }, h: null })).toEqual([
      'a.b[].c',
      'a.b[].d',
      'a.f',
    ]);
  });
});
