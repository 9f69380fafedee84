import type { AlertRules } from '@pcms/alerts';
import type { StageEvent } from '@pcms/journal-emitter';
import { createLogger } from '@pcms/logging';
import type { QueueDepth } from '@pcms/messaging';
import { AlertWatch, type AlertRecord, type AlertSignalSources, type AlertStore } from './alert-watch';

const RULES: AlertRules = {
  evaluateEverySeconds: 1,
  queues: [{ match: 'platform.*', depth: { fire: 5, clear: 1, forSeconds: 0 } }],
};

class MemoryStore implements AlertStore {
  record: AlertRecord | undefined;
  load = () => Promise.resolve(this.record);
  save = (record: AlertRecord) => {
    this.record = structuredClone(record);
    return Promise.resolve();
  };
}

function harness() {
  let depth = 0;
  let queuesFail = false;
  let journalFails = false;
  let clock = Date.parse('2026-12-05T08:00:00.000Z');
  const journaled: StageEvent[] = [];
  const sources = {
    queueDepths: () =>
      queuesFail
        ? Promise.reject(new Error('broker away'))
        : Promise.resolve<QueueDepth[]>([
            { queue: 'ns.platform.NP-ML', messageCount: depth, consumerCount: 0 },
          ]),
    waitingHolds: () => Promise.resolve([]),
    pkiStatus: () => null,
    peerReachable: () => Promise.resolve(true),
    journal: {} as AlertSignalSources['journal'],
  } as AlertSignalSources;
  const store = new MemoryStore();
  let ids = 0;
  const sut = new AlertWatch({
    rules: RULES,
    sources,
    store,
    namespace: 'ns.',
    logger: createLogger('console', 'silent'),
    journal: (events) => {
      if (journalFails) return Promise.reject(new Error('no confirm'));
      journaled.push(...events);
      return Promise.resolve();
    },
    clock: () => new Date((clock += 1000)),
    newId: () => `alert-${++ids}`,
  });
  return {
    sut,
    journaled,
    set depth(value: number) {
      depth = value;
    },
    set queuesFail(value: boolean) {
      queuesFail = value;
    },
    set journalFails(value: boolean) {
      journalFails = value;
    },
  };
}

describe(AlertWatch.name, () => {
  it('journals a queue over its depth once, shows it firing, and journals its clearing once when drained', async () => {
    const h = harness();
    h.depth = 9;
    for (let i = 0; i < 3; i++) await h.sut.evaluate();
    expect((await h.sut.firing()).map((a) => [a.rule, a.subject, a.value])).toEqual([
      ['queue-depth', 'platform.NP-ML', 9],
    ]);
    h.depth = 3; // between clear and fire: still firing, nothing journaled
    await h.sut.evaluate();
    h.depth = 0;
    await h.sut.evaluate();
    await h.sut.evaluate();

    expect(h.journaled.map((e) => [e.stage, e.messageId, e.details?.subject])).toEqual([
      ['alert-fired', 'alert-1', 'platform.NP-ML'],
      ['alert-cleared', 'alert-1', 'platform.NP-ML'],
    ]);
    expect(await h.sut.firing()).toEqual([]);
  });

  it('keeps an event the broker did not confirm and sends it at the next evaluation', async () => {
    const h = harness();
    h.depth = 9;
    h.journalFails = true;
    await h.sut.evaluate();
    expect(h.journaled).toEqual([]);
    h.journalFails = false;
    await h.sut.evaluate();
    await h.sut.evaluate();
    expect(h.journaled.map((e) => e.stage)).toEqual(['alert-fired']);
  });

  it('leaves a queue alert firing while the queues cannot be read', async () => {
    const h = harness();
    h.depth = 9;
    await h.sut.evaluate();
    h.queuesFail = true;
    await h.sut.evaluate();
    expect((await h.sut.firing()).length).toBe(1);
    expect(h.journaled.map((e) => e.stage)).toEqual(['alert-fired']);
  });
});
