// Issue 15 point 5 on the running judicial adapter: the reminders' clock fires a due reminder once,
// journaled (reminded) and recorded, and never again on the scans that follow, with two adapters
// of the gateway running (the lease lets one scan; the store and the journal keep one reminder one
// even so). The barrier is a second request's reminder: the scan that fires it comes after the
// first request's reminder, and sees that request still overdue.
import { loadConfig } from '@pcms/config';
import type { JournalTraceEntry } from '@pcms/journal';
import { requestMessage, type JudicialRequest } from '@pcms/judicial';
import type { RunningApp } from '@pcms/runtime';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startJudicialAdapter } from '../../apps/judicial-adapter/src/judicial-adapter.app';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { PROJECT_ROOT } from '../support/harness-config';
import { JudicialGateway } from '../support/judicial-gateway';

jest.setTimeout(120_000);

const FIXTURE = join(PROJECT_ROOT, 'libs/judicial/fixtures/requests/ok/mla-mali-to-niger.json');
const DAY_MS = 86_400_000;
/** The shortest period the configuration allows. */
const SCAN_SECONDS = 5;

/** Mali to Niger, urgent (a reminder after 7 days without a move), sent 8 days ago. */
function overdueRequest(): { request: JudicialRequest; sentAt: Date } {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as JudicialRequest;
  return { request: { ...fixture, requestId: randomUUID() }, sentAt: new Date(Date.now() - 8 * DAY_MS) };
}

describe('the reminders clock of the judicial adapter', () => {
  let gateway: JudicialGateway;
  let second: RunningApp;

  beforeAll(async () => {
    gateway = await JudicialGateway.start(__filename, (config) => ({
      ...config,
      judicialAdapter: { ...config.judicialAdapter, reminderScanSeconds: SCAN_SECONDS },
    }));
    // A second adapter of the same gateway: same namespace, Redis prefix, journal and store.
    second = await startJudicialAdapter({
      ...gateway.config,
      instance: 2,
      judicialAdapter: { ...gateway.config.judicialAdapter, reminderScanSeconds: SCAN_SECONDS },
    });
  });

  afterAll(async () => {
    await second?.close();
    await gateway?.stop();
  });

  const remindedOf = async (requestId: string): Promise<JournalTraceEntry[]> =>
    (await (await gateway.harness.journal()).trace(requestId)).filter((entry) => entry.stage === 'reminded');

  async function sendOverdue(): Promise<string> {
    const { request, sentAt } = overdueRequest();
    const answer = await gateway.send(requestMessage(request, request.requesting.authority, { sentAt }));
    expect(answer.status).toBe(202);
    return request.requestId;
  }

  it('fires a due reminder once: journaled and recorded, not again on the next scans', async () => {
    const first = await sendOverdue();
    const [reminded] = await expectEventually(
      async () => {
        const entries = await remindedOf(first);
        expect(entries).toHaveLength(1);
        return entries;
      },
      { timeoutMs: 4 * SCAN_SECONDS * 1000, intervalMs: 250 },
    );
    expect(reminded).toMatchObject({
      app: 'judicial-follow-up',
      correlationId: first,
      details: {
        requestId: first,
        state: 'SUBMITTED',
        days: 7,
        owedBy: 'requested',
        reminded: 'NE-CA',
        delivery: 'recorded',
        runBy: expect.stringMatching(/^judicial-adapter#[12]$/),
      },
    });

    // Barrier: a later scan fires the second request's reminder, and looks at the first again.
    const barrier = await sendOverdue();
    await expectEventually(async () => expect(await remindedOf(barrier)).toHaveLength(1), {
      timeoutMs: 4 * SCAN_SECONDS * 1000,
      intervalMs: 250,
    });

    expect(await remindedOf(first)).toHaveLength(1);
    const store = await gateway.store();
    expect((await store.find(first))?.reminders).toEqual([
      expect.objectContaining({ state: 'SUBMITTED', days: 7, armedOn: 1 }),
    ]);
    const fired = async (app: RunningApp) =>
      [
        ...(await (await fetch(`${app.metricsUrl}/metrics`)).text()).matchAll(
          /^pcms_judicial_reminders_fired_total\{[^}]*state="SUBMITTED"[^}]*\} (\d+)$/gm,
        ),
      ].reduce((sum, match) => sum + Number(match[1]), 0);
    // Two adapters, two reminders: fired once each in all.
    expect((await fired(gateway.adapterApp)) + (await fired(second))).toBe(2);
  });

  it('judicial list --overdue says the reminder fired; judicial show lists it', async () => {
    const config = loadConfig({
      rootDir: PROJECT_ROOT,
      env: {},
      overrides: { logLevel: 'silent', dataDir: gateway.config.paths.data, journal: gateway.config.journal },
    });
    const requestId = (await (await gateway.store()).list()).find((request) => request.reminders.length > 0)
      ?.requestId as string;

    const overdue = await runCli(config, 'judicial', 'list', '--overdue');
    const shown = await runCli(config, 'judicial', 'show', requestId);

    expect(overdue.output).toMatch(new RegExp(`${requestId} .* OVERDUE/EN RETARD .* reminded/relancée `));
    expect(shown.output).toContain('Reminders (1)\n  Relances (1)');
  });
});
