// What one finished judicial delivery leaves: receipts, journal entries, a quarantined copy.
import type { StageEvent } from '@pcms/journal-emitter';
import { createLogger } from '@pcms/logging';
import type { TransportReceipt } from '../receipts/transport-receipt';
import type { JudicialDeliveryJob } from './judicial-delivery.job';
import { JUDICIAL_DELIVERY_ORIGIN, JudicialDeliveryOutcomes } from './judicial-delivery.outcomes';

const AT = new Date('2026-12-04T12:00:00Z');
const job = (overrides: Partial<JudicialDeliveryJob> = {}): JudicialDeliveryJob => ({
  messageId: '5b0c7d3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f',
  correlationId: '6f1c2a4e-8b3d-4c5e-9f10-2a3b4c5d6e7f',
  messageType: 'judicial.request',
  authorityId: 'NE-CA',
  url: 'https://127.0.0.1:19445/judicial/messages',
  serverId: 'JUDICIAL-PEER',
  body: '{"type":"judicial.request"}',
  signatureB64: 'c2lnbmF0dXJl',
  rule: 'judicial.addressee',
  ...overrides,
});

function harness(options: { failJournal?: boolean } = {}) {
  const receipts: TransportReceipt[] = [];
  const events: StageEvent[] = [];
  const quarantined: { body: string; code: string; reason: string; origin: string }[] = [];
  const sut = new JudicialDeliveryOutcomes({
    store: {
      recordReceipt: (receipt) => {
        receipts.push(receipt);
        return Promise.resolve({ outcome: 'recorded' });
      },
    },
    journal: {
      emit: (batch) => {
        if (options.failJournal) return Promise.reject(new Error('broker away'));
        events.push(...batch);
        return Promise.resolve();
      },
    },
    amqp: {
      quarantine: (body, why, where) => {
        quarantined.push({
          body: body.toString('utf8'),
          code: why.code,
          reason: why.reason,
          origin: where.origin,
        });
        return Promise.resolve();
      },
    },
    logger: createLogger('test', 'silent'),
    clock: () => AT,
  });
  return { sut, receipts, events, quarantined };
}

describe(JudicialDeliveryOutcomes.name, () => {
  it('records delivered and retrieved when the system answers registered: true, and journals the destination', async () => {
    const { sut, receipts, events } = harness();

    await sut
      .hooks()
      .onDelivered?.(job(), { status: 202, attempts: 2, body: '{"registered":true,"messageId":"x"}' });

    expect(receipts.map((r) => [r.evidence, r.issuer, r.requestId])).toEqual([
      ['delivered', 'NE-CA', '6f1c2a4e-8b3d-4c5e-9f10-2a3b4c5d6e7f'],
      ['retrieved', 'NE-CA', '6f1c2a4e-8b3d-4c5e-9f10-2a3b4c5d6e7f'],
    ]);
    expect(events).toEqual([
      {
        messageId: '5b0c7d3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f',
        correlationId: '6f1c2a4e-8b3d-4c5e-9f10-2a3b4c5d6e7f',
        stage: 'delivered',
        discriminator: 'NE-CA',
        details: {
          destination: 'NE-CA',
          rule: 'judicial.addressee',
          peerStatus: 202,
          attempts: 2,
          registered: true,
        },
      },
    ]);
  });

  it('records delivered alone when the answer says nothing of registering, not-retrieved when it says false', async () => {
    const silent = harness();
    const refused = harness();

    await silent.sut.delivered(job(), { status: 200, attempts: 1, body: 'ok' });
    await refused.sut.delivered(job(), { status: 202, attempts: 1, body: '{"registered":false}' });

    expect(silent.receipts.map((r) => r.evidence)).toEqual(['delivered']);
    expect(refused.receipts.map((r) => [r.evidence, r.reason])).toEqual([
      ['delivered', undefined],
      ['not-retrieved', 'NE-CA answered registered: false'],
    ]);
  });

  it('quarantines after the last attempt, records not-delivered with the reason, journals failed and dead-lettered', async () => {
    const { sut, receipts, events, quarantined } = harness();

    await sut.hooks().onDeadLetter(job(), {
      code: 'HTTP_CONNECTION_FAILED',
      reason: 'connect ECONNREFUSED 127.0.0.1:1',
      attempts: 3,
    });

    expect(quarantined).toEqual([
      {
        body: '{"type":"judicial.request"}',
        code: 'HTTP_CONNECTION_FAILED',
        reason: 'connect ECONNREFUSED 127.0.0.1:1 (after 3 attempts)',
        origin: JUDICIAL_DELIVERY_ORIGIN,
      },
    ]);
    expect(receipts).toEqual([
      expect.objectContaining({
        evidence: 'not-delivered',
        issuer: 'NE-CA',
        reason: 'HTTP_CONNECTION_FAILED: connect ECONNREFUSED 127.0.0.1:1 (after 3 attempts)',
      }),
    ]);
    expect(events.map((e) => [e.stage, e.discriminator, e.details?.code])).toEqual([
      ['failed', 'NE-CA', 'HTTP_CONNECTION_FAILED'],
      ['dead-lettered', 'NE-CA', 'HTTP_CONNECTION_FAILED'],
    ]);
  });

  it('keeps no receipt for a contact, and does not throw when the journal is away (the job must not be retried)', async () => {
    const { sut, receipts } = harness({ failJournal: true });

    await expect(
      sut.delivered(job({ messageType: 'judicial.contact' }), {
        status: 202,
        attempts: 1,
        body: '{"registered":true}',
      }),
    ).resolves.toBeUndefined();

    expect(receipts).toEqual([]);
  });
});
