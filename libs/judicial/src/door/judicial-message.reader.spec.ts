import type { JudicialMessage } from '../wire/judicial-message';
import { readJudicialMessage } from './judicial-message.reader';

const LIMITS = { maxDepth: 8 };
const ID = '3f0a9c1e-6b2d-4c8e-9a7f-1b2c3d4e5f60';

function contact(from: string, to: string, sentAt = '2026-12-04T10:00:00Z'): JudicialMessage {
  return {
    type: 'judicial.contact',
    id: ID,
    sentAt,
    from,
    payload: { to, subject: 'Entraide', text: 'Pouvons-nous parler ?', language: 'fre' },
  };
}

const bytesOf = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe(readJudicialMessage.name, () => {
  it('reads a contact and gives its payload in canonical bytes (sorted keys)', () => {
    const sut = readJudicialMessage(bytesOf(contact('GH-WACAP-PROS', 'ML-WACAP-PROS')), LIMITS);

    expect(sut.ok).toBe(true);
    if (!sut.ok) return;
    expect(sut.message.payload).toMatchObject({ to: 'ML-WACAP-PROS' });
    expect(sut.payloadBytes.toString()).toBe(
      '{"language":"fre","subject":"Entraide","text":"Pouvons-nous parler ?","to":"ML-WACAP-PROS"}',
    );
  });

  it.each([
    [
      'a byte order mark',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytesOf(contact('A', 'B'))]),
      'byte order mark',
    ],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'UTF-8'],
    ['text that is not JSON', Buffer.from('{"type":'), 'well-formed JSON'],
    [
      'a key given twice',
      Buffer.from(`{"type":"judicial.contact","type":"judicial.status"}`),
      'repeats the key "type"',
    ],
    ['nesting past the limit', Buffer.from(`{"a":${'['.repeat(10)}${']'.repeat(10)}}`), 'deeper than 8'],
    ['an array', Buffer.from('[]'), 'must be a JSON object'],
  ])('refuses %s as JUDICIAL_MESSAGE_INVALID', (_case, bytes, reason) => {
    const sut = readJudicialMessage(bytes, LIMITS);

    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.refusal).toMatchObject({
      code: 'JUDICIAL_MESSAGE_INVALID',
      stage: 'validate',
      fault: 'content',
    });
    expect(sut.refusal.reason).toContain(reason);
    expect(sut.refusal.raison).not.toBe(sut.refusal.reason);
  });

  it('refuses a __proto__ key anywhere, before any class is built from the payload', () => {
    const text = JSON.stringify(contact('A', 'B')).replace('"to":', '"__proto__":{"polluted":true},"to":');

    const sut = readJudicialMessage(Buffer.from(text), LIMITS);

    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.refusal.code).toBe('JUDICIAL_MESSAGE_INVALID');
    expect(sut.refusal.reason).toContain('payload.__proto__');
  });

  it('refuses a right-to-left override in a text, raw or escaped, naming the code point and where', () => {
    const raw = contact('A', 'B');
    const escaped = JSON.stringify(raw).replace('Entraide', 'Entr\\u202eaide');

    const sut = readJudicialMessage(Buffer.from(escaped), LIMITS);

    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.refusal.code).toBe('JUDICIAL_MESSAGE_INVALID');
    expect(sut.refusal.reason).toContain('U+202E at payload.subject');
  });

  it('names every wrong field of the message: an upper-case id, a date without zone, an unknown type, an extra key', () => {
    const message = {
      ...contact('A', 'B'),
      id: ID.toUpperCase(),
      sentAt: '2026-12-04T10:00:00',
      type: 'judicial.note',
      extra: 1,
    };

    const sut = readJudicialMessage(bytesOf(message), LIMITS);

    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.issues.map((issue) => issue.path).sort()).toEqual(['extra', 'id', 'sentAt', 'type']);
  });

  it('refuses a payload by its own contract, with its code and the path under payload', () => {
    const message = { ...contact('A', 'B'), payload: { to: 'B', subject: '', text: 'x', language: 'xx' } };

    const sut = readJudicialMessage(bytesOf(message), LIMITS);

    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.refusal.code).toBe('JUDICIAL_CONTACT_INVALID');
    expect(sut.issues.map((issue) => issue.path).sort()).toEqual(['payload.language', 'payload.subject']);
  });
});
