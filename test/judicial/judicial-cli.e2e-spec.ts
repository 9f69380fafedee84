// `pcms judicial` as a focal point types it, on both databases the journal runs on: the requests
// listed and filtered, one request's whole history, reminders fired once, the figures and their CSV.
import { loadConfig, type LoadedConfig } from '@pcms/config';
import type { JournalDriver, JournalEvent } from '@pcms/journal';
import { gatewayTopology } from '@pcms/messaging';
import { connect } from 'amqplib';
import {
  judicialStoreFromConfig,
  STATS_CSV_HEADER,
  type JudicialDirectory,
  type StoredJudicialRequest,
} from '@pcms/judicial';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AMQP_URL, deleteTopology } from '../support/broker';
import { runCli } from '../support/cli-runner';
import { uniqueNamespace } from '../support/unique-namespace';
import { PROJECT_ROOT } from '../support/harness-config';
import { journalTestDatabase, type JournalTestDatabase } from '../journal/journal-databases';
import {
  day,
  mlaRefused,
  mlaToClosed,
  requestBytes,
  shippedDirectory,
  walk,
  type Step,
} from './judicial-seed';

jest.setTimeout(60_000);

describe.each<JournalDriver>(['sqlite', 'postgres'])('pcms judicial on %s', (driver) => {
  let dataDir: string;
  let database: JournalTestDatabase;
  let config: LoadedConfig;
  let directory: JudicialDirectory;
  const ids: Record<'closed' | 'executed' | 'refused' | 'submitted', string> = {
    closed: '',
    executed: '',
    refused: '',
    submitted: '',
  };
  const cli = (...args: string[]) => runCli(config, 'judicial', ...args);
  /** The journal events waiting for a journal writer (none runs here), taken off the queue. */
  const journaled = async (): Promise<Pick<JournalEvent, 'messageId' | 'stage' | 'app'>[]> => {
    const connection = await connect(AMQP_URL);
    try {
      const channel = await connection.createChannel();
      const events: Pick<JournalEvent, 'messageId' | 'stage' | 'app'>[] = [];
      for (;;) {
        const message = await channel.get(gatewayTopology(config.amqp.namespace).queues.journalWriter.name);
        if (message === false) break;
        // One event, or the array of those emitted together.
        const body = JSON.parse(message.content.toString('utf8')) as JournalEvent | JournalEvent[];
        for (const { messageId, stage, app } of ([] as JournalEvent[]).concat(body)) {
          events.push({ messageId, stage, app });
        }
        channel.ack(message);
      }
      return events.sort((a, b) => a.messageId.localeCompare(b.messageId));
    } finally {
      await connection.close();
    }
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pcms-judicial-cli-'));
    database = await journalTestDatabase(driver, __filename);
    config = loadConfig({
      rootDir: PROJECT_ROOT,
      env: {},
      overrides: {
        logLevel: 'silent',
        dataDir,
        journal: database.location,
        // `remind` journals through the broker: a namespace of this file's own, removed after.
        amqp: { namespace: uniqueNamespace(__filename) },
      },
    });
    directory = await shippedDirectory();
    const store = await judicialStoreFromConfig(config);
    const seed = async (steps: Step[]): Promise<string> => {
      const { requestId, bytes } = requestBytes('mla-mali-to-niger');
      await store.submit(bytes, directory, day(0));
      await walk(store, directory, requestId, steps);
      return requestId;
    };
    try {
      ids.closed = await seed(mlaToClosed(2, 10));
      ids.executed = await seed(mlaToClosed(4, 20).slice(0, 7));
      ids.refused = await seed(mlaRefused(9, 'dual-criminality'));
      ids.submitted = await seed([['SUBMITTED', 'ML-CA', 0]]);
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    await deleteTopology(gatewayTopology(config.amqp.namespace).declaration);
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('list: every request, one a line; --state and --overdue filter; --json', async () => {
    const all = await cli('list');
    expect(all.exitCode).toBe(0);
    expect(all.output).toMatch(new RegExp(`${ids.closed}\\s+mla\\s+urgent\\s+ML→NE\\s+CLOSED`));
    expect(all.output).toContain('4 requests\n  4 demandes');

    const closed = await cli('list', '--state', 'closed');
    expect(closed.output).toContain(ids.closed);
    expect(closed.output).not.toContain(ids.submitted);

    // The shipped followUp gives an urgent request 7 days: the two still owed something are late.
    const overdue = await cli('list', '--overdue');
    expect(overdue.output).toContain('2 requests overdue\n  2 demandes en retard');
    expect(overdue.output).toMatch(
      new RegExp(`${ids.submitted}.*OVERDUE/EN RETARD since/depuis ${day(7).toISOString()} \\(7 d/j\\)`),
    );
    expect(overdue.output).toContain(ids.executed);

    const json = JSON.parse((await cli('list', '--overdue', '--json')).output) as {
      requests: (StoredJudicialRequest & { overdue: { days: number } })[];
    };
    expect(json.requests.map((r) => `${r.requestId} ${r.state} ${r.overdue.days}`).sort()).toEqual(
      [`${ids.executed} EXECUTED 7`, `${ids.submitted} SUBMITTED 7`].sort(),
    );

    // As of a day: what will be overdue then if nothing moves (seeded submitted day 0, due day 7 at 08:00).
    const before = await cli('list', '--overdue', '--as-of', '2026-01-12');
    expect(before.output).toContain('0 requests overdue on 2026-01-12\n  0 demandes en retard le 2026-01-12');
    const after = await cli('list', '--overdue', '--as-of', '2026-01-13');
    expect(after.output).toContain('1 request overdue on 2026-01-13\n  1 demande en retard le 2026-01-13');
    expect(after.output).toContain(ids.submitted);
    await expect(cli('list', '--overdue', '--as-of', '2026-02-30')).rejects.toMatchObject({
      code: 'commander.invalidArgument',
    });

    await expect(cli('list', '--state', 'LOST')).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });

  it('show: the whole history, who, when, why and on what grounds; an unknown id exits 1 with its code', async () => {
    const shown = await cli('show', ids.refused);
    expect(shown.exitCode).toBe(0);
    expect(shown.output).toContain(`Request ${ids.refused}: mla, urgent, now REFUSED`);
    expect(shown.output).toContain('History (5 moves)\n  Historique (5 mouvements)');
    expect(shown.output).toContain(`${day(0).toISOString()}  DRAFT → SUBMITTED  by/par ML-CA (requesting)`);
    expect(shown.output).toContain(
      `${day(10).toISOString()}  UNDER_REVIEW → REFUSED  by/par NE-CA (requested)`,
    );
    expect(shown.output).toContain('grounds/motifs: dual-criminality: refused: dual-criminality');

    const json = JSON.parse((await cli('show', ids.refused, '--json')).output) as {
      request: StoredJudicialRequest;
    };
    expect(json.request.history).toHaveLength(5);
    expect(json.request.history[4]).toMatchObject({ grounds: { ground: 'dual-criminality' } });

    const unknown = await cli('show', '00000000-0000-4000-8000-000000000000', '--json');
    expect(unknown.exitCode).toBe(1);
    expect(JSON.parse(unknown.output)).toMatchObject({ error: 'JUDICIAL_REQUEST_UNKNOWN' });
  });

  it('remind: fires each due reminder once; a second run fires none', async () => {
    const first = await cli('remind');
    expect(first.output).toContain(
      `${ids.submitted}: SUBMITTED, no move for 7 days or more (due ${day(7).toISOString()})\n` +
        `    ${ids.submitted} : SUBMITTED, aucun mouvement depuis 7 jours ou plus (échéance ${day(7).toISOString()})`,
    );
    expect(first.output).toContain(`${ids.executed}: EXECUTED`);
    expect(first.output).toContain('2 reminders fired\n  2 relances déclenchées');
    // Each journaled (stage reminded), before it was recorded.
    expect(await journaled()).toEqual(
      [ids.executed, ids.submitted]
        .sort((a, b) => a.localeCompare(b))
        .map((messageId) => ({ messageId, stage: 'reminded', app: 'judicial-follow-up' })),
    );

    const second = JSON.parse((await cli('remind', '--json')).output) as { fired: unknown[] };
    expect(second.fired).toEqual([]);
    expect(await journaled()).toEqual([]);
    const shown = (await cli('show', ids.submitted)).output;
    expect(shown).toContain('Reminders (1)\n  Relances (1)');
    // Submitted and not received: Niger's side owes the move.
    expect(shown).toMatch(/SUBMITTED 7 d\/j \(due\/dû .*\) {2}reminded\/relancé NE-CA \(requested\)/);
  });

  it('stats: figures per pair of states, as text, JSON and CSV', async () => {
    const text = await cli('stats');
    expect(text.output).toContain('ML → NE: 4  (SUBMITTED 1, EXECUTED 1, REFUSED 1, CLOSED 1)');
    // Acknowledged after 2, 4 and 9 days; executed after 10 and 20.
    expect(text.output).toContain('median days to acknowledge 4 (of 3), to execute 15 (of 2)');
    expect(text.output).toContain('refusals by ground / refus par motif: dual-criminality 1');

    const json = JSON.parse((await cli('stats', '--json')).output) as {
      pairs: { medianDaysToExecute: number }[];
    };
    expect(json.pairs).toHaveLength(1);
    expect(json.pairs[0].medianDaysToExecute).toBe(15);

    const csv = await cli('stats', '--csv');
    const [header, row, end] = csv.output.split('\r\n');
    expect(header).toBe(STATS_CSV_HEADER.join(','));
    expect(header).toMatch(/^requesting,requested,total,state\.DRAFT,state\.SUBMITTED,/);
    const cells = Object.fromEntries(header.split(',').map((name, i) => [name, row.split(',')[i]]));
    expect(cells).toMatchObject({
      requesting: 'ML',
      requested: 'NE',
      total: '4',
      'state.SUBMITTED': '1',
      'state.CLOSED': '1',
      'state.DRAFT': '0',
      acknowledged: '3',
      median_days_to_acknowledge: '4',
      executed: '2',
      median_days_to_execute: '15',
      'refusals.dual-criminality': '1',
      'refusals.political-offence': '0',
    });
    expect(end).toBe('');
  });

  it('stats --since/--until: only the requests submitted in the period, days inclusive', async () => {
    // All four were submitted on day 0 (2026-01-05).
    const on = JSON.parse(
      (await cli('stats', '--since', '2026-01-05', '--until', '2026-01-05', '--json')).output,
    ) as {
      pairs: { total: number }[];
    };
    const after = JSON.parse((await cli('stats', '--since', '2026-01-06', '--json')).output) as {
      pairs: unknown[];
    };
    expect(on.pairs.map((pair) => pair.total)).toEqual([4]);
    expect(after.pairs).toEqual([]);
    await expect(cli('stats', '--since', '2026-02-30')).rejects.toMatchObject({
      code: 'commander.invalidArgument',
    });
  });
});
