import type { ConsoleSources } from './console.sources';
import { DashboardFeed } from './dashboard.snapshot';
import type { SerialDesk } from './serial-desk';

function feedOver() {
  const reads = { queues: 0, tail: 0 };
  const sources = {
    deadLetterQueue: 'dlq',
    queueDepths: () => {
      reads.queues += 1;
      return Promise.resolve([{ queue: 'dlq', messageCount: 0, consumerCount: 0 }]);
    },
    holdCounts: () => Promise.resolve(null),
    peerReachable: () => Promise.resolve(true),
    pkiStatus: () => null,
    mappingStatuses: () => Promise.resolve(null),
    journal: {
      seqBefore: () => Promise.resolve(0),
      tail: () => {
        reads.tail += 1;
        return Promise.resolve([]);
      },
    },
  } as unknown as ConsoleSources;
  const desk = { list: () => Promise.resolve({ total: 0, letters: [] }) } as unknown as SerialDesk;
  return { sut: new DashboardFeed(sources, desk), reads };
}

const at = (ms: number) => new Date(Date.parse('2026-12-05T22:00:00.000Z') + ms);

describe(DashboardFeed.name, () => {
  it('reads the journal at every tick and the broker’s queues at most every 2 s', async () => {
    const { sut, reads } = feedOver();

    for (const ms of [0, 500, 1000, 1500, 2000, 2500]) await sut.snapshot(at(ms));

    expect(reads.tail).toBe(6);
    expect(reads.queues).toBe(2);
  });
});
