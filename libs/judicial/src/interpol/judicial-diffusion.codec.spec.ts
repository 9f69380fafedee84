// The INTERPOL channel's DIFFUSION: written by the gateway's own request-information mapping,
// valid against the notice schema (libxml2), read back by the notice codec the peer side uses.
import { NoticeCodec, XsdValidator } from '@pcms/notice';
import { MappingRegistry, Translator } from '@pcms/translation';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJudicialDirectory } from '../directory/directory.reader';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { JudicialRequest } from '../request/judicial-request.dto';
import type { JudicialRequestMessage } from '../wire/judicial-message';
import { JUDICIAL_DIFFUSION_MAPPING, judicialRequestToDiffusion as sut } from './judicial-diffusion.codec';

const ROOT = join(__dirname, '../../../..');
const fixture = (file: string): JudicialRequest =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/requests/ok', file), 'utf8')) as JudicialRequest;

function messageOf(payload: JudicialRequest): JudicialRequestMessage {
  return {
    type: 'judicial.request',
    id: '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
    sentAt: '2026-12-04T10:15:00+01:00',
    from: payload.requesting.authority,
    payload: { ...payload, channel: 'interpol' },
  };
}

describe(sut.name, () => {
  let directory: JudicialDirectory;
  let translator: Translator;
  const xsd = new XsdValidator();
  const codec = new NoticeCodec();

  beforeAll(async () => {
    directory = await loadJudicialDirectory(join(ROOT, 'config', 'judicial-directory.yaml'));
    const mappings = new MappingRegistry();
    await mappings.loadDirectory(join(ROOT, 'mappings'));
    translator = new Translator(mappings);
  });

  it('writes an extradition request as a DIFFUSION REQUEST about the person sought, valid against the schema', async () => {
    const message = messageOf(fixture('extradition-mali-to-senegal.json'));

    const { noticeXml, mapping } = sut(message, directory, translator);

    expect(await xsd.validateNoticeXml(noticeXml)).toEqual({ valid: true, errors: [] });
    expect(mapping).toEqual({ id: JUDICIAL_DIFFUSION_MAPPING, version: expect.any(String) });
    const notice = codec.parse(noticeXml);
    expect(notice).toMatchObject({
      noticeType: 'DIFFUSION',
      noticeId: message.id,
      issueDate: '2026/12/04',
      classification: 'RESTRICTED',
      subject: { surname: 'RECHERCHE', givenName: 'Fictif', birthDate: '1990' },
      diffusion: { kind: 'REQUEST', urgency: 'URGENT' },
    });
    expect(notice.diffusion?.subjectLine).toBe(
      'Demande d’extradition / Extradition request ML → SN (ML/EXT/2026/0007)',
    );
    const text = notice.diffusion?.text ?? '';
    expect(text).toContain('Autorité requise / Requested authority: ');
    expect(text).toContain('(SN-CA), réf. SN/DACG/EXT/2026/31');
    expect(text).toContain('Base légale / Legal basis: treaty ecowas-extradition-1994');
    expect(text).toContain('Notice Interpol / Interpol notice: 2026/12345 (sought)');
  });

  it('writes a routine request about nobody sought without a subject, and cuts a text longer than the schema allows', async () => {
    const mla = fixture('mla-mali-to-niger.json');
    const long = {
      ...mla,
      urgency: { level: 'routine' as const },
      persons: mla.persons.filter((person) => person.role !== 'suspect' && person.role !== 'sought'),
      facts: { ...mla.facts, summary: 'faits '.repeat(2000) },
    };

    const { noticeXml } = sut(messageOf(long), directory, translator);

    expect(await xsd.validateNoticeXml(noticeXml)).toEqual({ valid: true, errors: [] });
    const notice = codec.parse(noticeXml);
    expect(notice.subject).toBeUndefined();
    expect(notice.diffusion?.urgency).toBe('ROUTINE');
    expect([...(notice.diffusion?.text ?? '')]).toHaveLength(8000);
    expect(notice.diffusion?.text.endsWith('…')).toBe(true);
  });
});
