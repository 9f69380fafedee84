// Issue 15 point 6 as the focal point and the operator read it: `pcms judicial show` lists the
// notices a request is linked to with what the gateway knows of each (issued to INTERPOL, never
// seen) and the arrest and surrender of their subject; `pcms trace <notice id>` shows the request
// beside the notice's own stages, and a search by the request's correlation finds the notice. The
// journal is seeded with the entries the gateway writes (the notice's stages, then the link's, as
// built by noticeLinkedStages / noticeMoveStages); the whole path is in judicial-scenarios.
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { journalEventId, journalStoreFromConfig, type JournalEvent, type JournalStage } from '@pcms/journal';
import type { StageEvent } from '@pcms/journal-emitter';
import {
  judicialStoreFromConfig,
  noticeLinkedStages,
  noticeMoveStages,
  type NoticeStanding,
  type StoredJudicialRequest,
} from '@pcms/judicial';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journalTestDatabase, type JournalTestDatabase } from '../journal/journal-databases';
import { day, extraditionSurrendered, requestBytes, shippedDirectory, walk } from '../judicial/judicial-seed';
import { runCli } from '../support/cli-runner';
import { PROJECT_ROOT } from '../support/harness-config';

jest.setTimeout(60_000);

const eventOf = (app: string, at: Date, stage: StageEvent): JournalEvent => ({
  eventId: journalEventId(stage.messageId, stage.stage, app, stage.discriminator),
  messageId: stage.messageId,
  ...(stage.correlationId === undefined ? {} : { correlationId: stage.correlationId }),
  stage: stage.stage,
  app,
  at: at.toISOString(),
  details: stage.details ?? {},
});

/** A platform's person.wanted the gateway turned into a RED notice and delivered to INTERPOL. */
function issuedNotice(noticeId: string): JournalEvent[] {
  const steps: [string, JournalStage, Record<string, unknown>][] = [
    ['pcms-adapter', 'received', { sender: 'NP-ML', type: 'person.wanted', classification: 'RESTRICTED' }],
    ['pcms-adapter', 'verified', { signer: 'NP-ML' }],
    ['router', 'routed', { destinations: ['RP', 'INTERPOL'] }],
    ['i247-adapter', 'mapped', { mapping: { id: 'person-wanted-to-red', version: '1.0.0' } }],
    ['i247-adapter', 'signed', { signer: 'GATEWAY', for: 'I-24/7' }],
    ['i247-adapter', 'delivered', { destination: 'I-24/7', attempts: 1 }],
  ];
  return steps.map(([app, stage, details], n) =>
    eventOf(app, new Date(day(-1).getTime() + n * 1000), { messageId: noticeId, stage, details }),
  );
}

describe('linked notices in pcms judicial show and pcms trace', () => {
  let dataDir: string;
  let database: JournalTestDatabase;
  let config: LoadedConfig;
  const noticeId = randomUUID();
  const unseenNoticeId = `2026/${Math.floor(10_000 + Math.random() * 89_999)}`;
  let linked: StoredJudicialRequest;
  let unseen: StoredJudicialRequest;
  const cli = (...args: string[]) => runCli(config, ...args);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pcms-judicial-links-'));
    database = await journalTestDatabase('sqlite', __filename);
    config = loadConfig({
      rootDir: PROJECT_ROOT,
      env: {},
      overrides: { logLevel: 'silent', dataDir, journal: database.location },
    });
    const directory = await shippedDirectory();
    const store = await judicialStoreFromConfig(config);
    const journal = await journalStoreFromConfig(config);
    const extradition = (notice: string) =>
      requestBytes('extradition-mali-to-senegal', {
        persons: [
          {
            role: 'sought',
            identity: { familyName: 'RECHERCHE', givenNames: 'Fictif', birthDate: '1990' },
            interpolNoticeId: notice,
          },
        ],
      });
    try {
      await journal.append(issuedNotice(noticeId));
      const one = extradition(noticeId);
      const submitted = await store.submit(one.bytes, directory, day(0));
      if (submitted.outcome === 'refused') throw new Error(JSON.stringify(submitted));
      await journal.append(
        noticeLinkedStages(submitted.request).map((s) => eventOf('judicial-adapter', day(0), s)),
      );
      await walk(store, directory, one.requestId, extraditionSurrendered(2, 8));
      linked = (await store.find(one.requestId)) as StoredJudicialRequest;
      const moves = linked.history.flatMap((change) => noticeMoveStages(linked, change));
      await journal.append(moves.map((s) => eventOf('judicial-adapter', day(8), s)));

      const two = extradition(unseenNoticeId);
      await store.submit(two.bytes, directory, day(1));
      unseen = (await store.find(two.requestId)) as StoredJudicialRequest;
    } finally {
      await journal.close();
      await store.close();
    }
  });

  afterAll(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('judicial show: the notice issued to INTERPOL, its subject arrested and surrendered', async () => {
    const shown = await cli('judicial', 'show', linked.requestId);

    expect(shown.exitCode).toBe(0);
    expect(shown.output).toContain('Linked Interpol notices (1)\n  Notices Interpol liées (1)');
    expect(shown.output).toContain(`  ${noticeId}  sought  linked/liée ${day(0).toISOString()}`);
    expect(shown.output).toContain(
      `    issued: delivered to INTERPOL by the gateway / livrée à INTERPOL par la passerelle ${new Date(day(-1).getTime() + 5000).toISOString()}\n` +
        `    person.wanted from/de NP-ML; last stage/dernière étape delivered`,
    );
    expect(shown.output).toContain(
      `SUBJECT ARRESTED / PERSONNE ARRÊTÉE ${day(3).toISOString()}: PERSON_ARRESTED by/par SN-CA`,
    );
    expect(shown.output).toContain(`SURRENDERED / REMISE ${day(8).toISOString()} by/par SN-CA`);
    expect(shown.output).toContain(`pcms trace ${noticeId}`);
  });

  it('judicial show --json: the request and each notice standing', async () => {
    const shown = await cli('judicial', 'show', linked.requestId, '--json');
    const { request, notices } = JSON.parse(shown.output) as {
      request: StoredJudicialRequest;
      notices: NoticeStanding[];
    };

    expect(request.noticeLinks).toEqual([
      { requestId: linked.requestId, noticeId, role: 'sought', linkedAt: day(0).toISOString() },
    ]);
    expect(notices).toEqual([
      expect.objectContaining({
        noticeId,
        status: 'issued',
        sender: 'NP-ML',
        arrested: expect.objectContaining({ state: 'PERSON_ARRESTED', requestId: linked.requestId }),
        surrendered: expect.objectContaining({ state: 'SURRENDERED' }),
        linkedRequests: [linked.requestId],
      }),
    ]);
  });

  it('judicial show: a notice the gateway never carried is said so, with no arrest', async () => {
    const shown = await cli('judicial', 'show', unseen.requestId);

    expect(shown.output).toContain(`  ${unseenNoticeId}  sought`);
    expect(shown.output).toContain('not-seen: no message of that id crossed the gateway');
    expect(shown.output).not.toContain('SUBJECT ARRESTED');
  });

  it("trace of the notice shows the request; a search by the request's correlation finds the notice", async () => {
    const trace = await cli('trace', noticeId);
    const search = await cli('search', '--correlation', linked.requestId);

    expect(trace.output).toMatch(/delivered[\s\S]*judicial-linked/);
    expect(trace.output).toContain(`requestId=${linked.requestId}`);
    expect(trace.output).toContain('event=subject-arrested');
    expect(trace.output).toContain('event=subject-surrendered');
    expect(search.output).toContain(noticeId);
  });

  it('trace of the request id lists the messages correlated with it: the linked notice', async () => {
    const trace = await cli('trace', linked.requestId);

    expect(trace.exitCode).toBe(0);
    expect(trace.output).toContain(`Messages correlated with ${linked.requestId} (1)`);
    expect(trace.output).toMatch(new RegExp(`  ${noticeId}  judicial-linked\\s+NP-ML person\\.wanted`));
  });
});
