import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JudicialRequest } from '../request/judicial-request.dto';
import { validateJudicialRequest } from '../request/judicial-request.validator';
import { noticeLinksOf as sut } from './notice-link';

// Mutations reach into nested JSON freely: typing each path would hide what the case breaks.
/* eslint-disable @typescript-eslint/no-explicit-any */
const OK_DIR = join(__dirname, '../../fixtures/requests/ok');
const AT = '2026-12-04T10:00:00.000Z';

function request(
  file: string,
  change: (raw: Record<string, any>) => void = () => undefined,
): JudicialRequest {
  const raw = JSON.parse(readFileSync(join(OK_DIR, file), 'utf8')) as Record<string, any>;
  change(raw);
  const validation = validateJudicialRequest(raw);
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  return validation.request;
}

const extradition = (change?: (raw: Record<string, any>) => void) =>
  request('extradition-mali-to-senegal.json', change);

describe('noticeLinksOf', () => {
  it('links an extradition request to the notice its sought person names', () => {
    expect(sut(extradition(), AT)).toEqual([
      {
        requestId: '0b7e9d2c-4a1f-4e3b-8c6d-5f4e3d2c1b0a',
        noticeId: '2026/12345',
        role: 'sought',
        linkedAt: AT,
      },
    ]);
  });

  it('links a provisional-arrest request too', () => {
    const links = sut(
      extradition((raw) => (raw.kind = 'provisional-arrest')),
      AT,
    );
    expect(links.map((link) => link.noticeId)).toEqual(['2026/12345']);
  });

  it('links each notice once, in the order of the persons, with the role of the first naming it', () => {
    const links = sut(
      extradition((raw) => {
        const sought = raw.persons[0];
        raw.persons = [
          sought,
          { ...sought, role: 'suspect' },
          { ...sought, role: 'suspect', interpolNoticeId: '2026/99999' },
        ];
      }),
      AT,
    );
    expect(links.map(({ noticeId, role }) => [noticeId, role])).toEqual([
      ['2026/12345', 'sought'],
      ['2026/99999', 'suspect'],
    ]);
  });

  it('links nothing when no person names a notice', () => {
    expect(
      sut(
        extradition((raw) => delete raw.persons[0].interpolNoticeId),
        AT,
      ),
    ).toEqual([]);
  });

  it('links nothing for a mutual legal assistance request, even one naming a notice', () => {
    const mla = request('mla-mali-to-niger.json', (raw) => {
      raw.persons = [{ ...raw.persons[0], interpolNoticeId: '2026/12345' }];
    });
    expect(mla.persons[0].interpolNoticeId).toBe('2026/12345');
    expect(sut(mla, AT)).toEqual([]);
  });
});
