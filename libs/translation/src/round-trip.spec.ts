// Issue 4: PCMS → notice → PCMS keeps every field the notice can carry. Each row pairs a mapping
// with its reverse; every outbound fixture input of the row goes there and back. A new notice type
// adds one row.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MappingRegistry } from './mapping.registry';
import { Translator } from './translator';

const MAPPINGS = resolve(__dirname, '..', '..', '..', 'mappings');

interface RoundTrip {
  /** PCMS envelope → I-24/7-like notice; its fixtures' `*.input.json` are the envelopes sent. */
  outbound: string;
  /** The notice back to a PCMS envelope. */
  inbound: string;
  noticeType: string;
}

const ROUND_TRIPS: RoundTrip[] = [
  { outbound: 'person-wanted-to-red', inbound: 'red-to-person-wanted', noticeType: 'RED' },
  { outbound: 'person-missing-to-yellow', inbound: 'yellow-to-person-missing', noticeType: 'YELLOW' },
  { outbound: 'person-information-to-blue', inbound: 'blue-to-person-information', noticeType: 'BLUE' },
  { outbound: 'body-unidentified-to-black', inbound: 'black-to-body-unidentified', noticeType: 'BLACK' },
  { outbound: 'alert-threat-to-green', inbound: 'green-to-alert-threat', noticeType: 'GREEN' },
];

interface Envelope {
  id: string;
  createdAt: string;
  sender: string;
  recipients: string[];
  [key: string]: unknown;
}

const cases = ROUND_TRIPS.flatMap((trip) =>
  readdirSync(join(MAPPINGS, trip.outbound, 'fixtures'))
    .filter((file) => file.endsWith('.input.json'))
    .sort()
    .map((file) => ({ ...trip, fixture: join(MAPPINGS, trip.outbound, 'fixtures', file), file })),
);

describe('round trip PCMS → notice → PCMS', () => {
  let sut: Translator;

  beforeAll(async () => {
    const registry = new MappingRegistry();
    const report = await registry.loadDirectory(MAPPINGS);
    expect(report.failed).toEqual([]);
    sut = new Translator(registry);
  });

  it('has at least three outbound fixtures for every row', () => {
    const thin = ROUND_TRIPS.filter((trip) => cases.filter((c) => c.outbound === trip.outbound).length < 3);
    expect(thin.map((trip) => trip.outbound)).toEqual([]);
  });

  it.each(cases)('$outbound ⇄ $inbound keeps $file', ({ outbound, inbound, noticeType, fixture }) => {
    const input = readFileSync(fixture);
    const original = JSON.parse(input.toString('utf8')) as Envelope;

    const notice = sut.translate({ from: 'pcms-envelope', to: 'i247-notice', input });
    expect(notice.mapping.id).toBe(outbound);
    expect(notice.value).toMatchObject({ noticeType, noticeId: original.id });

    // What the gateway fills on the way in comes from the context, as the inbound pipeline does.
    const back = sut.translate({
      from: 'i247-notice',
      to: 'pcms-envelope',
      input: notice.output,
      context: {
        messageId: original.id,
        createdAt: original.createdAt,
        sender: original.sender,
        recipients: original.recipients,
      },
    });
    expect(back.mapping.id).toBe(inbound);
    // handling (releasability, consent) is PCMS-only: the notice does not carry it, and an
    // inbound notice's handling is fixed by the reverse mapping. Everything else comes back.
    const received = JSON.parse(back.output.toString('utf8')) as Envelope;
    expect({ ...received, handling: undefined }).toEqual({ ...original, handling: undefined });
  });
});
