// Four eyes end to end: a message sent without the originator's consent waits in a hold (shipped
// policy, rule outbound.originator-consent) until two different operators, each signing with an
// operator certificate of the deployment's PKI, approve it; a refusal or the hold's expiry keeps it
// in PCMS, and the journal says why. The router re-verifies the approvals before the message
// leaves: a forged approval row releases nothing. The same suite on SQLite and on PostgreSQL.
import { canonicalBytes, type PcmsEnvelope, type PersonWantedPayload } from '@pcms/envelope';
import type { Hold } from '@pcms/holds';
import { PayloadCipher, payloadKeyFromConfig, type JournalDriver, type JournalStage } from '@pcms/journal';
import { issuePartyCertificate, PkiStore, publishRevocationList, revokeCertificate } from '@pcms/trust';
import { join } from 'node:path';
import { CliContext } from '../../apps/cli/src/cli.context';
import { buildProgram } from '../../apps/cli/src/cli.program';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';
import { holdsSql } from './holds-sql';

jest.setTimeout(120_000);

describe.each<JournalDriver>(['sqlite', 'postgres'])('holds and four eyes on %s', (driver) => {
  let gateway: GatewayHarness;
  const operator = (id: string) => join(gateway.config.paths.pki, `${id}.crt`);

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename, undefined, { journalDriver: driver });
    const pki = PkiStore.open(gateway.config.paths.pki);
    for (const id of ['OPS-A', 'OPS-B', 'OPS-R']) issuePartyCertificate(pki, { id, role: 'operator' });
    revokeCertificate(pki, pki.credential('OPS-R').serialNumber, 'keyCompromise');
    publishRevocationList(pki);
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  const cli = (...args: string[]) => runCli(gateway.config, ...args);
  const json = async <T>(...args: string[]): Promise<{ value: T; exitCode: number }> => {
    const { output, exitCode } = await cli(...args, '--json');
    return { value: JSON.parse(output) as T, exitCode };
  };
  const receiptsOf = async (messageId: string) =>
    (await gateway.inbox.receipts()).filter((receipt) => receipt.messageId === messageId);
  const stagesOf = async (messageId: string) =>
    (await (await gateway.journal()).trace(messageId)).map((entry) => entry.stage);
  /** The message's first journal entry at `stage`, once the journal writer has it. */
  const journalled = (messageId: string, stage: JournalStage, timeoutMs = 30_000) =>
    expectEventually(
      async () => {
        const found = (await (await gateway.journal()).trace(messageId)).find((e) => e.stage === stage);
        expect(found).toBeDefined();
        return found;
      },
      { timeoutMs },
    );

  async function sendHeld(): Promise<{ message: PcmsEnvelope<PersonWantedPayload>; hold: Hold }> {
    const message = personWanted({
      recipients: ['INTERPOL', 'RP'],
      handling: { releasableTo: ['INTERPOL'], originatorConsent: false },
    });
    await gateway.platform('NP-ML').submit(message);
    const hold = await expectEventually(
      async () => {
        const { value, exitCode } = await json<Hold>('hold', 'show', message.id);
        expect(exitCode).toBe(0);
        return value;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    return { message, hold };
  }

  /**
   * Proof of absence by a barrier, not a sleep: a held message released by two operators now goes
   * the way a wrongly forwarded one would (the router's tick, interpol.<type>, the I-24/7 adapter,
   * the peer). Ticks take released holds in release order and journal each before publishing it,
   * so once the barrier is journaled `released` and reached the peer, whatever was released before
   * it has been journaled and sent already.
   */
  async function releaseBarrier(): Promise<void> {
    const { message, hold } = await sendHeld();
    for (const id of ['OPS-A', 'OPS-B']) {
      const { exitCode } = await cli('hold', 'approve', hold.id, '--operator', operator(id));
      expect(exitCode).toBe(0);
    }
    await expectEventually(async () => expect(await receiptsOf(message.id)).toHaveLength(1), {
      timeoutMs: 30_000,
    });
    await journalled(message.id, 'released');
  }

  it('holds a message without consent, releases it on two different operators, and the peer receives it once', async () => {
    const { message, hold } = await sendHeld();
    expect(hold).toMatchObject({
      status: 'waiting',
      rule: 'outbound.originator-consent',
      approvalsRequired: 2,
    });
    await expectEventually(async () => expect(await stagesOf(message.id)).toContain('held'), {
      timeoutMs: 20_000,
    });

    const first = await json<{ outcome: string; operator: string }>(
      'hold',
      'approve',
      hold.id,
      '--operator',
      operator('OPS-A'),
    );
    const again = await json<{ error: string }>('hold', 'approve', hold.id, '--operator', operator('OPS-A'));
    // Nothing leaves on one approval: a message released after it crosses, and this one did not.
    await releaseBarrier();
    expect(await receiptsOf(message.id)).toEqual([]);
    expect(await stagesOf(message.id)).not.toContain('released');
    const second = await json<{ outcome: string }>(
      'hold',
      'approve',
      message.id,
      '--operator',
      operator('OPS-B'),
    );

    expect(first).toEqual({
      exitCode: 0,
      value: expect.objectContaining({ outcome: 'recorded', operator: 'OPS-A' }),
    });
    expect(again).toEqual({
      exitCode: 1,
      value: expect.objectContaining({ error: 'HOLD_OPERATOR_ALREADY_DECIDED' }),
    });
    expect(second.value.outcome).toBe('released');
    await expectEventually(async () => expect(await receiptsOf(message.id)).toHaveLength(1), {
      timeoutMs: 30_000,
    });
    const released = await expectEventually(
      async () => {
        const trace = await (await gateway.journal()).trace(message.id);
        const entry = trace.find((e) => e.stage === 'released');
        expect(entry).toBeDefined();
        expect(trace.map((e) => e.stage)).toContain('delivered');
        return entry;
      },
      { timeoutMs: 30_000 },
    );
    expect(released?.details).toMatchObject({
      holdId: hold.id,
      operators: [
        expect.objectContaining({ operatorId: 'OPS-A' }),
        expect.objectContaining({ operatorId: 'OPS-B' }),
      ],
    });
    // Sent once: a message released after this one crossed, and no second copy came before it.
    await releaseBarrier();
    expect(await receiptsOf(message.id)).toHaveLength(1);
  });

  it('keeps a rejected message in PCMS and journals the reason', async () => {
    const { message, hold } = await sendHeld();

    const noReason = cli('hold', 'reject', hold.id, '--operator', operator('OPS-A'));
    await expect(noReason).rejects.toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
    const blankReason = await json<{ error: string }>(
      'hold',
      'reject',
      hold.id,
      '--reason',
      ' ',
      '--operator',
      operator('OPS-A'),
    );
    const rejected = await json<{ outcome: string }>(
      'hold',
      'reject',
      hold.id,
      '--reason',
      'subject arrested in Gao on 2026-11-20',
      '--operator',
      operator('OPS-B'),
    );
    const late = await json<{ error: string }>('hold', 'approve', hold.id, '--operator', operator('OPS-A'));

    expect(blankReason).toEqual({
      exitCode: 1,
      value: expect.objectContaining({ error: 'HOLD_STATEMENT_INVALID' }),
    });
    expect(rejected).toEqual({ exitCode: 0, value: expect.objectContaining({ outcome: 'rejected' }) });
    expect(late.value.error).toBe('HOLD_NOT_WAITING');
    const entry = await journalled(message.id, 'rejected', 20_000);
    expect(entry?.details).toMatchObject({
      code: 'HOLD_REJECTED',
      reason: 'subject arrested in Gao on 2026-11-20',
      operator: 'OPS-B',
    });
    await releaseBarrier();
    expect(await receiptsOf(message.id)).toEqual([]);
    expect(await stagesOf(message.id)).not.toContain('released');
  });

  it('reports and journals a hold that expired', async () => {
    const { message, hold } = await sendHeld();
    // The shipped rule waits 24 hours: move this hold's deadline into the past, as time would.
    await holdsSql(gateway.config, 'update holds set expires_at_ms = 0, expires_at = ? where id = ?', [
      new Date(0).toISOString(),
      hold.id,
    ]);

    const expired = await expectEventually(
      async () => {
        const { value } = await json<Hold[]>('hold', 'list', '--status', 'expired');
        expect(value.map((h) => h.id)).toContain(hold.id);
        return value;
      },
      { timeoutMs: 20_000 },
    );
    const failed = await journalled(message.id, 'failed', 20_000);

    expect(expired.find((h) => h.id === hold.id)?.status).toBe('expired');
    expect(failed?.details).toMatchObject({ code: 'HOLD_EXPIRED', holdId: hold.id });
    expect(await gateway.metrics('router')).toMatch(/pcms_holds_expired_total\{[^}]*\} [1-9]/);
    expect(await receiptsOf(message.id)).toEqual([]);
    const status = await json<{ holds: Record<string, number> }>('status');
    expect(status.value.holds.expired).toBeGreaterThanOrEqual(1);
  });

  it('refuses a decision signed by a platform certificate or a revoked operator', async () => {
    const { hold } = await sendHeld();

    const platform = await json<{ error: string }>(
      'hold',
      'approve',
      hold.id,
      '--operator',
      join(gateway.config.paths.pki, 'NP-NE.crt'),
    );
    const revoked = await json<{ error: string; detail: { trustCode?: string } }>(
      'hold',
      'approve',
      hold.id,
      '--operator',
      operator('OPS-R'),
    );
    const text = await cli('hold', 'approve', hold.id, '--operator', operator('OPS-R'));

    expect(platform).toEqual({
      exitCode: 1,
      value: expect.objectContaining({ error: 'HOLD_NOT_AN_OPERATOR' }),
    });
    expect(revoked.value).toMatchObject({
      error: 'HOLD_SIGNATURE_REFUSED',
      detail: { trustCode: 'CERTIFICATE_REVOKED' },
    });
    expect(text.exitCode).toBe(1);
    const { value } = await json<Hold>('hold', 'show', hold.id);
    expect(value).toMatchObject({ status: 'waiting', decisions: [] });
  });
  it('does not forward a hold released by a forged approval row: failed, unverified, visible in hold list', async () => {
    const { message, hold } = await sendHeld();
    await json('hold', 'approve', hold.id, '--operator', operator('OPS-A'));
    // Someone with database access copies OPS-A's approval as a second operator's and releases the
    // hold, without a second operator ever signing.
    await holdsSql(
      gateway.config,
      `insert into hold_decisions (hold_id, operator_id, decision, certificate_fingerprint, at, reason, statement, signature, recorded_at)
       select hold_id, 'OPS-B', decision, certificate_fingerprint, at, reason, statement, signature, recorded_at
       from hold_decisions where hold_id = ? and operator_id = 'OPS-A'`,
      [hold.id],
    );
    await holdsSql(gateway.config, "update holds set status = 'released', decided_at = ? where id = ?", [
      new Date().toISOString(),
      hold.id,
    ]);

    const failed = await journalled(message.id, 'failed');
    const listed = await json<Hold[]>('hold', 'list', '--status', 'unverified');

    expect(failed?.details).toMatchObject({
      code: 'HOLD_APPROVALS_UNVERIFIED',
      holdId: hold.id,
      operatorId: 'OPS-B',
      stage: 'hold',
    });
    expect(listed.value.map((h) => h.id)).toContain(hold.id);
    expect(await gateway.metrics('router')).toMatch(/pcms_holds_unverified_total\{[^}]*\} [1-9]/);
    expect(await stagesOf(message.id)).not.toContain('released');
    expect(await receiptsOf(message.id)).toEqual([]);
    const [row] = await holdsSql(gateway.config, 'select sealed_body from holds where id = ?', [hold.id]);
    expect(row.sealed_body).toBeNull();
  });

  // What OPS-A signed binds the message, its digest, the rule and the count: once the row is changed
  // under that approval (and marked released, as an intruder would), the router refuses to forward.
  it.each<[string, string, (hold: Hold) => Promise<void>]>([
    ['approvals_required lowered to 1', 'approvalsRequired', async () => {}],
    [
      'the rule renamed',
      'rule',
      (hold) =>
        holdsSql(gateway.config, 'update holds set rule = ? where id = ?', ['outbound.gone', hold.id]).then(),
    ],
    [
      'another valid message sealed with the key in its place',
      'messageSha256',
      async (hold) => {
        const other = canonicalBytes(personWanted({ recipients: ['INTERPOL'] }));
        const sealed = new PayloadCipher(payloadKeyFromConfig(gateway.config)).seal(other, `hold:${hold.id}`);
        await holdsSql(gateway.config, 'update holds set sealed_body = ? where id = ?', [sealed, hold.id]);
      },
    ],
  ])('does not forward a hold whose row was altered after its approval: %s', async (_, field, alter) => {
    const { message, hold } = await sendHeld();
    await json('hold', 'approve', hold.id, '--operator', operator('OPS-A'));
    await alter(hold);
    await holdsSql(
      gateway.config,
      "update holds set approvals_required = 1, status = 'released', decided_at = ? where id = ?",
      [new Date().toISOString(), hold.id],
    );

    const failed = await journalled(message.id, 'failed');

    expect(failed?.details).toMatchObject({ code: 'HOLD_APPROVALS_UNVERIFIED', holdId: hold.id, field });
    expect(await stagesOf(message.id)).not.toContain('released');
    expect(await receiptsOf(message.id)).toEqual([]);
  });

  it('documents every hold command in English and French, each with --json', () => {
    const hold = buildProgram(new CliContext(gateway.config)).commands.find((c) => c.name() === 'hold');

    const help = (hold?.commands ?? []).map((command) => [command.name(), command.helpInformation()]);

    expect(help.map(([name]) => name)).toEqual(['list', 'show', 'approve', 'reject', 'sign']);
    for (const [, text] of help) {
      expect(text).toContain('--json');
      expect(text).toMatch(/retenue|rétention|opérateur/);
    }
  });
});
