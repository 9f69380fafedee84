// One failing hold must not stop the router's hold tick (issue 11, defect 14). The holds are rows of
// the run's real store (SQLite), decided by two operators through the CLI before the router starts,
// so that its first tick meets them together: a released hold whose message this release cannot
// read (bytes held under an earlier release's envelope rules), then a good released one, and an
// overdue one. The good one must leave, the overdue one be reported, the bad one be counted.
import { canonicalBytes } from '@pcms/envelope';
import { holdStoreFromConfig, type HoldStore, type NewHold } from '@pcms/holds';
import { CmsSigner, issuePartyCertificate, PkiStore } from '@pcms/trust';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(90_000);

const HOUR_MS = 3_600_000;

describe('HoldTicker with one hold that fails', () => {
  let gateway: GatewayHarness;
  let store: HoldStore;
  const ids = { unreadable: '', good: '', overdue: '' };
  const goodMessage = personWanted({
    recipients: ['INTERPOL'],
    handling: { releasableTo: ['INTERPOL'], originatorConsent: false },
  });

  function held(overrides: Partial<NewHold>): NewHold {
    return {
      messageId: randomUUID(),
      sender: 'NP-ML',
      type: 'person.wanted',
      classification: 'RESTRICTED',
      destination: 'INTERPOL',
      rule: 'outbound.originator-consent',
      reason: 'the originator has not consented to release outside PCMS',
      approvalsRequired: 2,
      expiresAt: new Date(Date.now() + HOUR_MS),
      body: Buffer.from('{}'),
      signature: '',
      ...overrides,
    };
  }

  async function approveByTwo(holdId: string): Promise<void> {
    for (const operator of ['OPS-A', 'OPS-B']) {
      const certificate = join(gateway.config.paths.pki, `${operator}.crt`);
      const { exitCode } = await runCli(gateway.config, 'hold', 'approve', holdId, '--operator', certificate);
      expect(exitCode).toBe(0);
    }
  }

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename, undefined, { journalDriver: 'sqlite' });
    const pki = PkiStore.open(gateway.config.paths.pki);
    for (const id of ['OPS-A', 'OPS-B']) issuePartyCertificate(pki, { id, role: 'operator' });
    store = await holdStoreFromConfig(gateway.config);

    // Approved first, so released first: the tick meets it before the good one.
    const unreadable = await store.create(
      held({
        body: Buffer.from('{"held":"under the envelope rules of an earlier release"}'),
        signature: 'c2ln',
      }),
    );
    ids.unreadable = unreadable.hold.id;
    await approveByTwo(ids.unreadable);

    const body = canonicalBytes(goodMessage);
    const signature = new CmsSigner(gateway.pki.platforms['NP-ML']).sign(body).toString('base64');
    const good = await store.create(held({ messageId: goodMessage.id, body, signature }));
    ids.good = good.hold.id;
    await approveByTwo(ids.good);

    const overdue = await store.create(held({ expiresAt: new Date(Date.now() - 1000) }));
    ids.overdue = overdue.hold.id;

    await gateway.startAll();
  });

  afterAll(async () => {
    await store.close();
    await gateway.stop();
  });

  it('forwards the good released hold although the one released before it fails', async () => {
    await expectEventually(
      async () => {
        const receipts = await gateway.inbox.receipts();
        expect(receipts.filter((receipt) => receipt.messageId === goodMessage.id)).toHaveLength(1);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect((await store.find(ids.good))?.forwardedAt).toEqual(expect.any(String));
  });

  it('reports the overdue hold in the same tick', async () => {
    const expired = await expectEventually(
      async () => {
        const hold = await store.find(ids.overdue);
        expect(hold?.status).toBe('expired');
        return hold;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const journal = await gateway.journal();
    const failed = await expectEventually(
      async () => {
        const entry = (await journal.trace(expired?.messageId ?? '')).find((e) => e.stage === 'failed');
        expect(entry).toBeDefined();
        return entry;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(failed?.details).toMatchObject({ code: 'HOLD_EXPIRED', holdId: ids.overdue });
  });

  it('counts the failing hold and keeps it released, unforwarded, for a later tick', async () => {
    await expectEventually(
      async () =>
        expect(await gateway.metrics('router')).toMatch(
          /pcms_holds_tick_failures_total\{[^}]*step="forward"[^}]*\} [1-9]/,
        ),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const unreadable = await store.find(ids.unreadable);
    expect(unreadable?.status).toBe('released');
    expect(unreadable?.forwardedAt).toBeUndefined();
  });
});
