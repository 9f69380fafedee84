import { countDestinations, journalGaps, type JournalRow } from './chaos-count';

describe(countDestinations.name, () => {
  it('counts, per destination, expected, delivered once, raw duplicates, seen twice, lost and unexpected', () => {
    const expected = new Map([
      ['a', ['INTERPOL', 'RP'] as const],
      ['b', ['INTERPOL', 'RP'] as const],
      ['c', ['RP'] as const],
    ]);
    const observed = new Map([
      [
        'INTERPOL',
        {
          handlerCalls: new Map([
            ['a', 1],
            ['b', 2],
          ]),
          rawCopies: 4,
        },
      ],
      [
        'RP',
        {
          handlerCalls: new Map([
            ['a', 1],
            ['c', 1],
            ['x', 1],
          ]),
          rawCopies: 5,
        },
      ],
    ] as const);

    const sut = countDestinations(expected, observed);

    expect(sut).toEqual([
      {
        destination: 'INTERPOL',
        expected: 2,
        deliveredOnce: 1,
        rawDuplicates: 2,
        seenTwice: 1,
        lost: 0,
        unexpected: 0,
        lostIds: [],
        seenTwiceIds: ['b'],
      },
      {
        destination: 'RP',
        expected: 3,
        deliveredOnce: 2,
        rawDuplicates: 2,
        seenTwice: 0,
        lost: 1,
        unexpected: 1,
        lostIds: ['b'],
        seenTwiceIds: [],
      },
    ]);
  });

  it('lists a destination that expected messages and saw none', () => {
    const sut = countDestinations(new Map([['a', ['NP-NE'] as const]]), new Map());
    expect(sut).toEqual([
      {
        destination: 'NP-NE',
        expected: 1,
        deliveredOnce: 0,
        rawDuplicates: 0,
        seenTwice: 0,
        lost: 1,
        unexpected: 0,
        lostIds: ['a'],
        seenTwiceIds: [],
      },
    ]);
  });
});

describe(journalGaps.name, () => {
  const row = (stage: string, details: Record<string, unknown> = {}): JournalRow => ({ stage, details });

  it('names the stages a message lacks: received, a delivery per destination, held and released, a refusal', () => {
    const rows = new Map<string, JournalRow[]>([
      ['out', [row('received'), row('delivered', { destination: 'I-24/7' })]],
      [
        'held',
        [
          row('received'),
          row('held'),
          row('delivered', { destination: 'I-24/7' }),
          row('delivered', { destination: 'RP' }),
        ],
      ],
      ['refused', [row('received'), row('dead-lettered', { code: 'ROUTING_NOT_RELEASABLE' })]],
      ['in', [row('delivered', { destination: 'NP-ML' })]],
    ]);

    const sut = journalGaps(
      [
        { id: 'out', kind: 'outbound', destinations: ['INTERPOL', 'RP'] },
        { id: 'held', kind: 'held', destinations: ['INTERPOL', 'RP'] },
        { id: 'refused', kind: 'refused', destinations: [] },
        { id: 'in', kind: 'inbound', destinations: ['NP-ML'] },
        { id: 'none', kind: 'inbound', destinations: ['RP'] },
      ],
      rows,
    );

    expect(sut).toEqual([
      { id: 'out', missing: ['delivered RP'] },
      { id: 'held', missing: ['released'] },
      { id: 'in', missing: ['received'] },
      { id: 'none', missing: ['received', 'delivered RP'] },
    ]);
  });

  it('wants a refused message dead-lettered with a routing code, and nothing else dead-lettered', () => {
    const rows = new Map<string, JournalRow[]>([
      ['refused', [row('received'), row('dead-lettered', { code: 'RETRIES_EXHAUSTED' })]],
      [
        'out',
        [
          row('received'),
          row('delivered', { destination: 'RP' }),
          row('dead-lettered', { code: 'HTTP_TIMEOUT' }),
        ],
      ],
    ]);
    const sut = journalGaps(
      [
        { id: 'refused', kind: 'refused', destinations: [] },
        { id: 'out', kind: 'outbound', destinations: ['RP'] },
      ],
      rows,
    );
    expect(sut).toEqual([
      {
        id: 'refused',
        missing: ['dead-lettered ROUTING_*'],
        unexpected: ['dead-lettered RETRIES_EXHAUSTED'],
      },
      { id: 'out', missing: [], unexpected: ['dead-lettered HTTP_TIMEOUT'] },
    ]);
  });
});
