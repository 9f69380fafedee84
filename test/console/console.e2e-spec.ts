// The operations console in a real browser (issue 13), on a real gateway with real traffic: a
// message sent appears in search with every stage; who may see and do what is decided by the
// client certificate; a dead letter replayed by two simultaneous clicks reaches the peer once;
// the Arabic page is right to left; every view is screenshotted in each language (docs/console/).
import { LANGUAGES } from '@pcms/console';
import type { JournalTraceEntry } from '@pcms/journal';
import { createLogger } from '@pcms/logging';
import type { RunningApp } from '@pcms/runtime';
import {
  issueCertificate,
  issuePartyCertificate,
  PkiStore,
  publishRevocationList,
  revokeCertificate,
  type Credential,
} from '@pcms/trust';
import { holdStatementOfToken, signHoldStatement } from '@pcms/holds';
import { MappingStatusBoard } from '@pcms/translation';
import { Redis } from 'ioredis';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startConsole } from '../../apps/console/src/console.app';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness, PROJECT_ROOT } from '../support/gateway.harness';
import { attributesOf, contextFor, launchChromium } from './console-browser';

jest.setTimeout(180_000);

const SLOW = { timeoutMs: 45_000, intervalMs: 250 };
const SCREENSHOTS = join(PROJECT_ROOT, 'docs', 'console');

describe('operations console', () => {
  let gateway: GatewayHarness;
  let consoleApp: RunningApp;
  let url: string;
  let browser: Browser;
  const people: Record<'operatorA' | 'operatorB' | 'viewer', Credential> = {} as never;
  const contexts: BrowserContext[] = [];
  /** Every line the console logs, at debug: none may hold a person's name or a payload. */
  const consoleLogs: string[] = [];

  beforeAll(async () => {
    // Two quick attempts: a delivery to a stopped peer is dead-lettered within a second.
    gateway = await GatewayHarness.create(__filename, { attempts: 2, backoffMs: 100 });
    await gateway.startAll();
    const issuer = gateway.pki.ca;
    people.operatorA = issueCertificate({ issuer, subjectId: 'OPS-CONSOLE-A', role: 'operator' });
    people.operatorB = issueCertificate({ issuer, subjectId: 'OPS-CONSOLE-B', role: 'operator' });
    people.viewer = issueCertificate({ issuer, subjectId: 'VIEW-CONSOLE', role: 'viewer' });
    consoleApp = await startConsole(
      {
        ...gateway.config,
        console: { enabled: true, http: { host: '127.0.0.1', port: 0 } },
        // The harness's peer listens on a port of its own (the profile's is not used).
        i247Adapter: { ...gateway.config.i247Adapter, peerUrl: `${gateway.appUrl('i247-peer')}/notices` },
      },
      {
        tickMs: 300,
        logger: createLogger('console', 'debug', { write: (line: string) => void consoleLogs.push(line) }),
      },
    );
    url = consoleApp.url ?? '';
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await consoleApp?.close();
    await gateway?.stop();
  });

  async function pageAs(credential?: Credential): Promise<Page> {
    const context = await contextFor(browser, url, credential);
    contexts.push(context);
    return context.newPage();
  }

  /** Sends a RED-notice request for INTERPOL as `sender` and waits until the journal shows its delivery. */
  async function delivered(sender: 'NP-ML' | 'NP-NE'): Promise<{ id: string; trace: JournalTraceEntry[] }> {
    const message = personWanted({ sender, recipients: ['INTERPOL'] });
    await gateway.platform(sender).submit(message);
    const journal = await gateway.journal();
    const trace = await expectEventually(async () => {
      const entries = await journal.trace(message.id);
      expect(entries.map((e) => e.stage)).toContain('delivered');
      return entries;
    }, SLOW);
    return { id: message.id, trace };
  }

  it('shows a message sent in search, and its page every stage of its trace with the rule that routed it', async () => {
    const { id, trace } = await delivered('NP-ML');
    const page = await pageAs(people.operatorA);

    const answer = await page.goto(`${url}/messages?sender=NP-ML&lang=en`);
    expect(answer?.headers()['content-security-policy']).toMatch(/^default-src 'self';/);
    await page.locator(`tr[data-message="${id}"] a`).click();

    await page.waitForURL(`${url}/messages/${id}`);
    const stages = await attributesOf(page.locator('table.timeline tbody tr'), 'data-stage');
    expect(stages).toEqual(trace.map((entry) => entry.stage));
    await expect(page.locator('body').textContent()).resolves.toContain('outbound.release-to-interpol');
    await expect(page.locator('a[href$="/payload"]').count()).resolves.toBe(1);
  });

  it('finds a message about “Muhammad …” by searching “Mohamed” as its business key, and not by an unrelated name', async () => {
    const fixture = personWanted({ recipients: ['INTERPOL'] });
    const subject = { ...fixture.payload.subject, familyName: 'Ag Ahmad', givenNames: 'Muhammad' };
    const message = personWanted({ recipients: ['INTERPOL'], payload: { ...fixture.payload, subject } });
    await gateway.platform('NP-ML').submit(message);
    const page = await pageAs(people.viewer);
    const hits = () => attributesOf(page.locator('table.hits tbody tr'), 'data-message');

    // Typed in the form as an operator would; indexed by the journal writer once the batch is committed.
    await expectEventually(async () => {
      await page.goto(`${url}/messages?lang=en`);
      await page.getByLabel('Name, notice or warrant').fill('Mohamed Ould Ahmed');
      await page.locator('form.search button[type="submit"]').click();
      await page.waitForURL(/[?&]key=Mohamed/);
      expect(await hits()).toEqual([message.id]);
    }, SLOW);
    await expect(page.getByLabel('Name, notice or warrant').inputValue()).resolves.toBe('Mohamed Ould Ahmed');
    for (const [key, lang] of [
      ['محمد', 'ar'],
      ['MAHAMAT', 'fr'],
    ]) {
      await page.goto(`${url}/messages?${new URLSearchParams({ key, lang }).toString()}`);
      expect(await hits()).toEqual([message.id]);
    }
    // (The fixture's aliases stay: Dembélé would find it.)
    for (const unrelated of ['Mahmoud Ahmed', 'Traoré', 'Mohamed Diallo']) {
      await page.goto(`${url}/messages?${new URLSearchParams({ key: unrelated, lang: 'en' }).toString()}`);
      expect([unrelated, await page.locator('p.none').count()]).toEqual([unrelated, 1]);
    }
    // The name searched is nowhere in the console's logs.
    expect(consoleLogs.join('')).not.toMatch(/Mohamed|Mahmoud|MAHAMAT/);
  });

  it('journals every payload view with the operator’s name, and shows a viewer no payload at all', async () => {
    const { id } = await delivered('NP-ML');
    const viewerPage = await pageAs(people.viewer);
    expect((await viewerPage.goto(`${url}/messages/${id}/payload`))?.status()).toBe(403);
    await viewerPage.goto(`${url}/messages/${id}`);
    await expect(viewerPage.locator('a[href$="/payload"], pre.payload').count()).resolves.toBe(0);

    const page = await pageAs(people.operatorB);
    await page.goto(`${url}/messages/${id}?lang=en`);
    await page.locator('a[href$="/payload"]').click();
    await page.waitForURL(`${url}/messages/${id}/payload`);
    await expect(page.locator('pre.payload').first().textContent()).resolves.toContain(id);
    await expect(page.locator('.notice').textContent()).resolves.toContain('journaled');
    await page.reload();

    const journal = await gateway.journal();
    // The viewer's refused attempt came first: had it been journaled, it would be there before these.
    const views = await expectEventually(async () => {
      const found = (await journal.trace(id)).filter((entry) => entry.stage === 'payload-viewed');
      expect(found).toHaveLength(2);
      return found;
    }, SLOW);
    for (const view of views) {
      expect(view).toMatchObject({
        app: 'console',
        details: { operator: 'OPS-CONSOLE-B', role: 'operator' },
      });
    }
    expect(new Set(views.map((view) => view.eventId)).size).toBe(2);
    // Who read it is in the journal, and nowhere in the console's logs, nor the payload.
    const logs = consoleLogs.join('');
    expect(logs).toContain(id);
    for (const secret of ['OPS-CONSOLE-B', 'VIEW-CONSOLE', 'DEMBÉLÉ', 'DEMBELE', 'Oumar']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('sorts a page of messages by the column clicked, then the other way', async () => {
    await delivered('NP-ML');
    await delivered('NP-NE');
    const page = await pageAs(people.viewer);
    await page.goto(`${url}/messages?lang=en`);
    const ids = () => attributesOf(page.locator('table.hits tbody tr'), 'data-message');
    const shown = (await ids()) as string[];
    expect(shown.length).toBeGreaterThan(1);

    await page.locator('table.hits th button.sort', { hasText: 'Message' }).click();
    expect(await ids()).toEqual([...shown].sort());
    await page.locator('table.hits th button.sort', { hasText: 'Message' }).click();
    expect(await ids()).toEqual([...shown].sort().reverse());
  });

  it('keeps a saved search for the person who saved it only', async () => {
    const page = await pageAs(people.operatorA);
    await page.goto(`${url}/messages?sender=NP-ML&lang=en`);
    await page.locator('form.save input[name="name"]').fill('Mali outbound');
    await page.locator('form.save button').click();

    await page.waitForURL(`${url}/messages?sender=NP-ML`);
    await expect(page.locator('a[data-saved="Mali outbound"]').getAttribute('href')).resolves.toBe(
      '/messages?sender=NP-ML',
    );
    const other = await pageAs(people.operatorB);
    await other.goto(`${url}/messages`);
    await expect(other.locator('a[data-saved]').count()).resolves.toBe(0);
    const forged = await other.request.post(`${url}/messages/saved`, {
      form: { name: 'x', sender: 'NP-ML' },
    });
    expect(forged.status()).toBe(403);
  });

  it('gives a viewer no replay button and no payload, and refuses a forged replay with 403', async () => {
    const { id } = await deadLetteredDelivery();
    await gateway.startPeer();
    const page = await pageAs(people.viewer);

    await page.goto(`${url}/dead-letters`);
    await expect(page.locator(`tr[data-message="${id}"]`).count()).resolves.toBe(1);
    await expect(
      page.locator('form.replay, form.discard, a.bulk, form[method="post"]').count(),
    ).resolves.toBe(0);
    const forged = await page.request.post(`${url}/dead-letters/replay`, {
      form: { messageId: id, failedAt: new Date().toISOString(), csrf: 'forged' },
    });
    expect(forged.status()).toBe(403);
    const payload = await page.goto(`${url}/messages/${id}/payload`);
    expect(payload?.status()).toBe(403);
    expect((await page.goto(`${url}/dead-letters/bulk?code=HTTP_TIMEOUT`))?.status()).toBe(403);
  });

  it('refuses an operator’s replay without the form’s CSRF token', async () => {
    const page = await pageAs(people.operatorA);
    await page.goto(`${url}/dead-letters`);
    const forged = await page.request.post(`${url}/dead-letters/replay`, {
      form: { messageId: '00000000-0000-4000-8000-000000000000', failedAt: new Date().toISOString() },
    });
    expect(forged.status()).toBe(403);
  });

  it('shows a platform’s certificate its own messages only', async () => {
    const mine = await delivered('NP-NE');
    const theirs = await delivered('NP-ML');
    const page = await pageAs(gateway.pki.credential('NP-NE'));

    await page.goto(`${url}/messages?sender=NP-ML`);
    const listed = await attributesOf(page.locator('tr[data-message]'), 'data-message');
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
    expect((await page.goto(`${url}/messages/${theirs.id}`))?.status()).toBe(404);
    expect((await page.goto(`${url}/messages/${mine.id}`))?.status()).toBe(200);
    expect((await page.goto(`${url}/dead-letters`))?.status()).toBe(403);
    expect((await page.goto(`${url}/events`))?.status()).toBe(403);
  });

  it('shows nothing to a browser without a certificate, and a refusal without data to a revoked operator and to the gateway', async () => {
    const anonymous = await pageAs();
    await expect(anonymous.goto(`${url}/messages`)).rejects.toThrow(/net::ERR_/);

    const pki = PkiStore.open(gateway.config.paths.pki);
    const revoked = issuePartyCertificate(pki, { id: 'OPS-REVOKED', role: 'operator' });
    revokeCertificate(pki, revoked.serialNumber, 'keyCompromise');
    publishRevocationList(pki);
    const revokedPage = await pageAs(revoked);
    expect((await revokedPage.goto(`${url}/messages`))?.status()).toBe(403);
    await expect(revokedPage.locator('table, nav').count()).resolves.toBe(0);

    const gatewayPage = await pageAs(gateway.pki.gateway);
    const answer = await gatewayPage.goto(`${url}/messages`);
    expect(answer?.status()).toBe(403);
    await expect(gatewayPage.locator('table, nav').count()).resolves.toBe(0);
  });

  it('replays a dead letter clicked by two operators at once: it reaches the peer once', async () => {
    const { id } = await deadLetteredDelivery();
    await gateway.startPeer();
    const [pageA, pageB] = [await pageAs(people.operatorA), await pageAs(people.operatorB)];
    await Promise.all([pageA.goto(`${url}/dead-letters`), pageB.goto(`${url}/dead-letters`)]);

    const button = (page: Page) => page.locator(`tr[data-message="${id}"] form.replay button`);
    // A precondition, not the assertion: each page must list the letter before both click. Once in
    // CI (fresh clone, 2026-12-06) one page of the two did not, and its click waited 30 s; a listing
    // made while another reader holds the queue's letters misses them (DeadLetterDesk.list).
    await expectEventually(async () => {
      for (const page of [pageA, pageB]) if ((await button(page).count()) === 0) await page.reload();
      for (const page of [pageA, pageB]) expect(await button(page).count()).toBe(1);
    }, SLOW);
    await Promise.all([button(pageA).click(), button(pageB).click()]);
    await Promise.all([pageA.waitForLoadState(), pageB.waitForLoadState()]);

    const journal = await gateway.journal();
    await expectEventually(async () => {
      expect((await journal.trace(id)).map((e) => e.stage).slice(-2)).toEqual(['replayed', 'delivered']);
    }, SLOW);
    // A barrier: a later message delivered means a second copy would have arrived by now.
    await delivered('NP-ML');
    const trace = await journal.trace(id);
    expect(trace.filter((e) => e.stage === 'replayed')).toEqual([
      expect.objectContaining({
        app: 'console',
        details: expect.objectContaining({ operator: expect.stringMatching(/^OPS-CONSOLE-[AB]$/) }),
      }),
    ]);
    expect((await gateway.inbox.receipts()).filter((r) => r.messageId === id)).toEqual([
      expect.objectContaining({ stored: 'new' }),
    ]);
    const urls = [pageA.url(), pageB.url()].sort();
    expect(urls).toEqual([
      `${url}/dead-letters/replay`,
      `${url}/messages/${id}?replayed=delivery%3Arequeued`,
    ]);
  });

  it('replays a set of one code after a confirmation that states the count, each letter once', async () => {
    const first = await deadLetteredDelivery();
    const second = await deadLetteredDelivery();
    await gateway.startPeer();
    const code = (await gateway.deadLetterOf(first.id)).code ?? '';
    const page = await pageAs(people.operatorA);
    await page.goto(`${url}/dead-letters?code=${code}&lang=en`);
    const shown = await page.locator('tr[data-message]').count();
    expect(shown).toBeGreaterThanOrEqual(2);

    await page.locator('a.bulk').click();
    await expect(page.locator('p.confirm').textContent()).resolves.toContain(
      `replay ${shown} dead letter(s) of code ${code}`,
    );
    const csrf = (await page.locator('form.bulk input[name="csrf"]').getAttribute('value')) ?? '';
    const stale = await page.request.post(`${url}/dead-letters/bulk`, {
      form: { csrf, code, count: String(shown + 1) },
    });
    expect(stale.status()).toBe(409);
    await page.locator('form.bulk button').click();
    await expect(page.locator('.notice').textContent()).resolves.toContain(`${shown} replayed`);

    const journal = await gateway.journal();
    for (const id of [first.id, second.id]) {
      await expectEventually(async () => {
        expect((await journal.trace(id)).map((e) => e.stage).slice(-2)).toEqual(['replayed', 'delivered']);
      }, SLOW);
    }
    await delivered('NP-ML');
    for (const id of [first.id, second.id]) {
      expect((await gateway.inbox.receipts()).filter((r) => r.messageId === id)).toHaveLength(1);
    }
  });

  it('discards a dead letter with the operator’s reason, journaled with their name', async () => {
    const { id } = await deadLetteredDelivery();
    await gateway.startPeer();
    const page = await pageAs(people.operatorB);
    await page.goto(`${url}/dead-letters?lang=en`);
    const row = page.locator(`tr[data-message="${id}"]`);
    await row.locator('form.discard input[name="reason"]').fill('superseded by a corrected notice');
    await row.locator('form.discard button').click();

    await page.waitForURL(`${url}/messages/${id}?discarded=1`);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Dead letter discarded');
    const journal = await gateway.journal();
    await expectEventually(async () => {
      expect((await journal.trace(id)).at(-1)).toMatchObject({
        stage: 'dead-lettered',
        app: 'console',
        details: { discarded: true, reason: 'superseded by a corrected notice', operator: 'OPS-CONSOLE-B' },
      });
    }, SLOW);
    await page.goto(`${url}/dead-letters`);
    await expect(page.locator(`tr[data-message="${id}"]`).count()).resolves.toBe(0);
  });

  it('shows a held message with its approvals, and the command it shows, signed by two operators, releases it', async () => {
    const pki = PkiStore.open(gateway.config.paths.pki);
    for (const id of ['OPS-HOLD-A', 'OPS-HOLD-B']) issuePartyCertificate(pki, { id, role: 'operator' });
    const message = await sendHeld();
    const page = await pageAs(people.operatorA);
    const row = page.locator(`tr[data-message="${message}"]`);
    await expectEventually(async () => {
      await page.goto(`${url}/holds?lang=en`);
      expect(await row.count()).toBe(1);
    }, SLOW);
    await expect(row.locator('[data-approvals]').getAttribute('data-approvals')).resolves.toBe('0');
    const command = (await row.locator('code.approve').textContent()) ?? '';
    expect(command).toMatch(/^pcms hold approve [0-9a-f-]{36} --operator <certificate\.crt>$/);

    const viewerPage = await pageAs(people.viewer);
    await viewerPage.goto(`${url}/holds`);
    await expect(viewerPage.locator(`tr[data-message="${message}"]`).count()).resolves.toBe(1);
    await expect(viewerPage.locator('code.approve').count()).resolves.toBe(0);

    for (const id of ['OPS-HOLD-A', 'OPS-HOLD-B']) {
      const certificate = join(gateway.config.paths.pki, `${id}.crt`);
      const args = command.replace('<certificate.crt>', certificate).split(' ').slice(1);
      expect((await runCli(gateway.config, ...args)).exitCode).toBe(0);
    }
    const journal = await gateway.journal();
    await expectEventually(async () => {
      expect((await journal.trace(message)).map((e) => e.stage)).toContain('released');
    }, SLOW);
    await page.goto(`${url}/holds`);
    await expect(row.count()).resolves.toBe(0);
  });

  it('approves a held message in the console with each operator’s own signature (pcms hold sign), once per operator, and refuses a signature of another key', async () => {
    const keys = mkdtempSync(join(tmpdir(), 'pcms-console-operators-'));
    const operatorFile = (credential: Credential, id: string): string => {
      writeFileSync(join(keys, `${id}.key`), credential.privateKeyPem, { mode: 0o600 });
      writeFileSync(join(keys, `${id}.crt`), credential.certificatePem);
      return join(keys, `${id}.crt`);
    };
    const files = {
      A: operatorFile(people.operatorA, 'OPS-CONSOLE-A'),
      B: operatorFile(people.operatorB, 'OPS-CONSOLE-B'),
    };
    const message = await sendHeld();
    const [pageA, pageB] = [await pageAs(people.operatorA), await pageAs(people.operatorB)];
    const row = (page: Page) => page.locator(`tr[data-message="${message}"]`);
    await expectEventually(async () => {
      await pageA.goto(`${url}/holds?lang=en`);
      expect(await row(pageA).count()).toBe(1);
    }, SLOW);

    /** Opens the statement page, has it signed as `sign` says, submits it: the POST's answer. */
    async function approve(page: Page, sign: (token: string) => Promise<string>) {
      await page.goto(`${url}/holds?lang=en`);
      await row(page).locator('a.sign-approve').click();
      await page.waitForURL(/\/holds\/[0-9a-f-]{36}\/decide\?decision=approve$/);
      const command = (await page.locator('code.sign').textContent()) ?? '';
      expect(command).toMatch(/^pcms hold sign [A-Za-z0-9_-]+ --operator <certificate\.crt>$/);
      await page
        .locator('form.decide textarea[name="signature"]')
        .fill(await sign(command.split(' ')[3] ?? ''));
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/decide') && r.request().method() === 'POST'),
        page.locator('form.decide button').click(),
      ]);
      await page.waitForLoadState();
      return answer;
    }
    const signedBy = (file: string) => async (token: string) => {
      const run = await runCli(gateway.config, 'hold', 'sign', token, '--operator', file);
      expect(run.exitCode).toBe(0);
      return run.output.trim();
    };

    // The same name, certified by another authority: a key this deployment never certified.
    const stranger = issueCertificate({
      issuer: gateway.pki.foreignCa,
      subjectId: 'OPS-CONSOLE-A',
      role: 'operator',
    });
    const forged = await approve(pageA, async (token) =>
      Promise.resolve(signHoldStatement(stranger, holdStatementOfToken(token)).signature),
    );
    expect(forged.status()).toBe(403);
    await expect(pageA.locator('.refusal').getAttribute('data-code')).resolves.toBe('HOLD_SIGNATURE_REFUSED');

    expect((await approve(pageA, signedBy(files.A))).status()).toBe(303);
    await expect(pageA.locator('.notice').getAttribute('data-decided')).resolves.toBe('recorded');
    await expect(row(pageA).locator('[data-approvals]').getAttribute('data-approvals')).resolves.toBe('1');

    const again = await approve(pageA, signedBy(files.A));
    expect(again.status()).toBe(409);
    await expect(pageA.locator('.refusal').getAttribute('data-code')).resolves.toBe(
      'HOLD_OPERATOR_ALREADY_DECIDED',
    );

    expect((await approve(pageB, signedBy(files.B))).status()).toBe(303);
    await expect(pageB.locator('.notice').getAttribute('data-decided')).resolves.toBe('released');
    const journal = await gateway.journal();
    await expectEventually(async () => {
      expect((await journal.trace(message)).map((e) => e.stage)).toContain('delivered');
    }, SLOW);
    const released = (await journal.trace(message)).find((e) => e.stage === 'released');
    expect(JSON.stringify(released?.details)).toMatch(
      /OPS-CONSOLE-A[^]*OPS-CONSOLE-B|OPS-CONSOLE-B[^]*OPS-CONSOLE-A/,
    );
    expect((await gateway.inbox.receipts()).filter((r) => r.messageId === message)).toHaveLength(1);
  });

  it('updates the dashboard without a page refresh, and charts the last hour per route', async () => {
    await delivered('NP-ML');
    const page = await pageAs(people.viewer);
    await page.goto(`${url}/`);
    const before = await page.locator('#live').getAttribute('data-updated');
    await expectEventually(async () => {
      expect(await page.locator('#live').getAttribute('data-updated')).not.toBe(before);
    }, SLOW);
    await expect(page.locator('#live tr[data-queue]').count()).resolves.toBeGreaterThan(0);
    // The message just delivered, counted from the journal's newest entries (LastHourTally).
    await expectEventually(async () => {
      const delivered = await page.locator('#live [data-figure="delivered"]').textContent();
      expect(Number((delivered ?? '').replace(/\D/g, ''))).toBeGreaterThan(0);
    }, SLOW);
    await expect(page.locator('#live tr[data-certificate="NP-ML"]').count()).resolves.toBe(1);
    await expect(page.locator('#live [data-crl]').getAttribute('data-crl')).resolves.toBe('loaded');
    await expect(page.locator('#live [data-peer]').getAttribute('data-peer')).resolves.toBe('reachable');
    await gateway.stopPeer();
    await page.locator('#live [data-peer="unreachable"]').waitFor();
    await gateway.startPeer();
    await page.locator('#live [data-peer="reachable"]').waitFor();
    // uPlot, served by the console: NP-ML's outbound route at least.
    await expect(page.locator('#chart canvas').count()).resolves.toBe(1);
    expect(Number(await page.locator('#chart').getAttribute('data-routes'))).toBeGreaterThan(0);
  });

  it('shows live the mappings each process loaded with their versions and refusals, certificates by days to expiry and the revocation list’s age', async () => {
    const page = await pageAs(people.viewer);
    await page.goto(`${url}/?lang=en`);
    const adapter = page.locator('#live [data-mapping-app="i247-adapter"]');
    await adapter.waitFor({ state: 'attached' });
    await expect(adapter.locator('tr[data-mapping="person-wanted-to-red"] .version').textContent()).resolves.toBe(
      '1.0.0',
    );
    expect(Number(await adapter.getAttribute('data-loaded'))).toBeGreaterThan(10);
    await expect(page.locator('#live [data-refusal]').count()).resolves.toBe(0);

    // A second instance that refused a change publishes it on the board `pcms status` reads.
    const redis = new Redis(gateway.config.redis.url);
    const board = new MappingStatusBoard(redis, gateway.config.redis.keyPrefix);
    try {
      await board.publish('i247-adapter#2', {
        loaded: [{ id: 'person-wanted-to-red', version: '1.0.0', file: 'person-wanted-to-red/mapping.yaml' }],
        refusals: [
          {
            file: 'person-wanted-to-red/mapping.yaml',
            mappingId: 'person-wanted-to-red',
            version: '1.1.0',
            code: 'MAPPING_FIXTURE_FAILED',
            reason: 'a fixture does not give its expected output',
            details: [],
            at: new Date().toISOString(),
          },
        ],
      });
      const refusal = page.locator('#live [data-mapping-app="i247-adapter#2"] [data-refusal="MAPPING_FIXTURE_FAILED"]');
      await refusal.waitFor();
      await expect(refusal.textContent()).resolves.toContain('person-wanted-to-red@1.1.0');
    } finally {
      await redis.del(`${gateway.config.redis.keyPrefix}:mappings:i247-adapter#2`);
      redis.disconnect();
    }

    const buckets = await attributesOf(page.locator('#live [data-expiry-bucket]'), 'data-expiry-bucket');
    expect(buckets).toEqual(['expired', 'week', 'month', 'later']);
    expect(Number(await page.locator('#live [data-expiry-bucket="later"]').getAttribute('data-count'))).toBeGreaterThan(0);
    await expect(page.locator('#live [data-crl-age-hours]').getAttribute('data-crl-age-hours')).resolves.toBe('0');
  });

  it('lays the Arabic page out right to left, its navigation on the right', async () => {
    const page = await pageAs(people.operatorA);
    await page.goto(`${url}/messages?lang=ar`);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ar');
    const nav = await page.locator('nav.side').boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(nav && main && nav.x > main.x).toBe(true);
    // The cookie keeps the language for the next page.
    await page.goto(`${url}/dead-letters`);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
  });

  it('saves a screenshot of every view in each language to docs/console/', async () => {
    const { id } = await delivered('NP-ML');
    await deadLetteredDelivery();
    await gateway.startPeer();
    const held = await sendHeld();
    const journal = await gateway.journal();
    await expectEventually(async () => {
      expect((await journal.trace(held)).map((e) => e.stage)).toContain('held');
    }, SLOW);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const page = await pageAs(people.operatorA);
    const views: Record<string, string> = {
      dashboard: '/',
      messages: '/messages',
      message: `/messages/${id}`,
      'dead-letters': '/dead-letters',
      holds: '/holds',
    };
    for (const language of LANGUAGES) {
      for (const [view, path] of Object.entries(views)) {
        const answer = await page.goto(`${url}${path}?lang=${language}`);
        expect(answer?.status()).toBe(200);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
        if (view === 'dashboard') await page.locator('#live[data-updated]').waitFor();
        await page.screenshot({ path: join(SCREENSHOTS, `${view}.${language}.png`), fullPage: true });
      }
    }
  });

  it('logs, over the whole suite, no person’s name and no payload: neither a reader’s nor a subject’s', () => {
    const logs = consoleLogs.join('');
    // The console did log: requests at debug, and whatever actions the tests above took.
    expect(logs).toContain('console request');
    for (const name of [
      'OPS-CONSOLE-A',
      'OPS-CONSOLE-B',
      'VIEW-CONSOLE',
      'OPS-REVOKED',
      'DEMBÉLÉ',
      'DEMBELE',
      'Oumar',
      'superseded by a corrected notice',
    ]) {
      expect({ name, logged: logs.includes(name) }).toEqual({ name, logged: false });
    }
  });

  /** A RED-notice request for INTERPOL without the originator's consent: held for two operators. */
  async function sendHeld(): Promise<string> {
    const message = personWanted({
      sender: 'NP-ML',
      recipients: ['INTERPOL'],
      handling: { releasableTo: ['INTERPOL'], originatorConsent: false },
    });
    await gateway.platform('NP-ML').submit(message);
    return message.id;
  }

  /** A notice for INTERPOL sent while the peer is down, once it is a dead letter (the peer stays down). */
  async function deadLetteredDelivery(): Promise<{ id: string }> {
    await gateway.stopPeer();
    const message = personWanted({ sender: 'NP-ML', recipients: ['INTERPOL'] });
    await gateway.platform('NP-ML').submit(message);
    await gateway.deadLetterOf(message.id, SLOW.timeoutMs);
    return { id: message.id };
  }
});
