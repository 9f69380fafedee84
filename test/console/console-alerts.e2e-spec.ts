// The console's alerts in a real browser (issue 13, point 7), with two consoles on one gateway: a
// queue over its depth threshold makes the alert appear once on the dashboard of both (one console
// evaluates, under the lease), live over the server-sent events; it clears once the queue is
// drained; the journal holds one occurrence, fired then cleared.
import type { AlertRules } from '@pcms/alerts';
import { LANGUAGES } from '@pcms/console';
import type { RunningApp } from '@pcms/runtime';
import { issueCertificate, type Credential } from '@pcms/trust';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startConsole } from '../../apps/console/src/console.app';
import { expectEventually } from '../support/expect-eventually';
import { GatewayHarness, PROJECT_ROOT } from '../support/gateway.harness';
import { contextFor, launchChromium } from './console-browser';

jest.setTimeout(240_000);

const SLOW = { timeoutMs: 30_000, intervalMs: 250 };
const SCREENSHOTS = join(PROJECT_ROOT, 'docs', 'console');
const QUEUE = 'platform.NP-ML';
const ALERT = `queue-depth|${QUEUE}`;
/** NP-ML's queue alone, so that nothing else of the test gateway fires. */
const RULES: AlertRules = {
  evaluateEverySeconds: 1,
  queues: [{ match: QUEUE, depth: { fire: 3, clear: 0, forSeconds: 0 } }],
};

describe('console alerts', () => {
  let gateway: GatewayHarness;
  const consoles: RunningApp[] = [];
  let browser: Browser;
  let operator: Credential;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startJournalWriter();
    operator = issueCertificate({ issuer: gateway.pki.ca, subjectId: 'OPS-ALERTS', role: 'operator' });
    for (let i = 0; i < 2; i++) {
      consoles.push(
        await startConsole(
          { ...gateway.config, console: { enabled: true, http: { host: '127.0.0.1', port: 0 } } },
          { tickMs: 300, alertRules: RULES },
        ),
      );
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    for (const app of consoles) await app.close();
    await gateway?.stop();
  });

  async function dashboardOf(consoleApp: RunningApp, language = 'en'): Promise<Page> {
    const url = consoleApp.url ?? '';
    const context = await contextFor(browser, url, operator);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${url}/?lang=${language}`);
    await page.locator('#live[data-updated]').waitFor();
    return page;
  }

  const queueName = () => `${gateway.config.amqp.namespace}${QUEUE}`;

  async function fill(count: number): Promise<void> {
    await gateway.amqp.withTemporaryChannel(async (channel) => {
      for (let i = 0; i < count; i++) channel.sendToQueue(queueName(), Buffer.from('{}'));
      await channel.checkQueue(queueName());
    });
  }

  it('shows a queue over its depth once on every console, live, and clears it once drained', async () => {
    const [pageA, pageB] = [await dashboardOf(consoles[0]), await dashboardOf(consoles[1])];
    await expect(pageA.locator('#live a.badge').getAttribute('data-alerts')).resolves.toBe('0');

    await fill(5);
    const row = (page: Page) => page.locator(`#live tr[data-alert="${ALERT}"]`);
    await row(pageA).waitFor();
    await row(pageB).waitFor();
    await expect(pageA.locator('#live a.badge').getAttribute('data-alerts')).resolves.toBe('1');

    // Deeper still: the row's value follows (later evaluations ran) and it is still one row.
    await fill(4);
    await expectEventually(async () => {
      expect(await row(pageA).locator('td.num').first().textContent()).toBe('9');
    }, SLOW);
    await expect(row(pageA).count()).resolves.toBe(1);
    // The signals for Prometheus: served by the console holding the lease, by that one only.
    await expectEventually(async () => {
      const texts = await Promise.all(
        consoles.map(async (app) => (await fetch(`${app.metricsUrl ?? ''}/metrics`)).text()),
      );
      const holders = texts.filter((text) =>
        text.includes(`pcms_queue_messages{queue="${QUEUE}",app="console"} 9`),
      );
      expect(holders).toHaveLength(1);
      expect(holders[0]).toContain('pcms_alerts_firing{rule="queue-depth",app="console"} 1');
      expect(texts.filter((text) => /^pcms_queue_messages\{/m.test(text))).toHaveLength(1);
    }, SLOW);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const language of LANGUAGES) {
      const page = await dashboardOf(consoles[0], language);
      await row(page).waitFor();
      // The page, not the section: the live figures are replaced at every event.
      await page.screenshot({ path: join(SCREENSHOTS, `alerts.${language}.png`) });
    }

    await gateway.amqp.withTemporaryChannel((channel) => channel.purgeQueue(queueName()));
    await pageA.locator('#live a.badge[data-alerts="0"]').waitFor();
    await pageB.locator('#live a.badge[data-alerts="0"]').waitFor();
    await expect(row(pageA).count()).resolves.toBe(0);

    // The journal: one occurrence, fired then cleared, whichever console evaluated.
    const journal = await gateway.journal();
    const cleared = await expectEventually(async () => {
      const hits = await journal.search({ stage: 'alert-cleared' });
      expect(hits).toHaveLength(1);
      return hits;
    }, SLOW);
    const fired = await journal.search({ stage: 'alert-fired' });
    expect(fired).toEqual([]); // the only occurrence has moved on to cleared
    const trace = await journal.trace(cleared[0]?.messageId ?? '');
    expect(trace.map((entry) => [entry.stage, entry.app, entry.details.subject, entry.details.rule])).toEqual(
      [
        ['alert-fired', 'console', QUEUE, 'queue-depth'],
        ['alert-cleared', 'console', QUEUE, 'queue-depth'],
      ],
    );
    expect(trace[0]?.details).toMatchObject({ value: 5, fire: 3, clear: 0 });
  });
});
