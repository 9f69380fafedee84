// `pcms public-notices import` and `poll --once` as an operator types them, against the whole
// gateway: what they forward reaches the platforms it concerns, a bad file is refused in English
// and French without stopping the others, and a second poll forwards nothing new.
import type { PlatformId } from '@pcms/envelope';
import type { ReceivedMessage } from '@pcms/platform-client';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { GatewayHarness, PROJECT_ROOT } from '../support/gateway.harness';

jest.setTimeout(120_000);

const fixture = (mapping: string, name: string) =>
  join(PROJECT_ROOT, 'mappings', mapping, 'fixtures', `${name}.input.json`);
/** A Malian wanted by Mali and Niger (red 2024/31877). */
const RED_MALI_NIGER = fixture('interpol-red-to-person-wanted', 'mali-national-wanted-by-mali-and-niger');
/** A Malian girl missing in Mali (yellow 2025/12087). */
const YELLOW_MALI = fixture('interpol-yellow-to-person-missing', 'malian-girl-missing-in-mali');

const warrant = (country: string) => ({
  issuing_country_id: country,
  charge: 'Fraud',
  charge_translation: null,
});
/** What the local service publishes for `poll --once`: one notice for Chad, one for nobody in the G5. */
const POLLED: Record<string, object> = {
  '2022/700': {
    entity_id: '2022/700',
    name: 'MAHAMAT',
    nationalities: ['TD'],
    arrest_warrants: [warrant('TD')],
  },
  '2022/701': {
    entity_id: '2022/701',
    name: 'MARTIN',
    nationalities: ['BE'],
    arrest_warrants: [warrant('BE')],
  },
};

describe('pcms public-notices', () => {
  let gateway: GatewayHarness;
  let server: Server;
  let dir: string;
  const received = new Map<PlatformId, ReceivedMessage[]>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcms-public-notices-cli-'));
    server = createServer((request, response) => serve(request.url ?? '/', response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gateway = await GatewayHarness.create(__filename);
    // The adapter does not poll (the shipped default); only the CLI reads the local service.
    Object.assign(gateway.config.publicNotices, {
      enabled: false,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notices/v1`,
      kinds: ['red'],
      timeoutMs: 3000,
      filters: { nationality: [], arrestWarrantCountryId: [] },
    });
    await gateway.startAll();
  });

  afterAll(async () => {
    await gateway?.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  function serve(url: string, response: ServerResponse): void {
    const base = gateway.config.publicNotices.baseUrl;
    const { pathname } = new URL(url, base);
    const detail = /^\/notices\/v1\/red\/(\d{4})-(\d+)$/.exec(pathname);
    const json = (body: object) =>
      void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (detail) {
      const notice = POLLED[`${detail[1]}/${detail[2]}`];
      return notice ? json(notice) : void response.writeHead(502).end('Bad Gateway');
    }
    if (pathname !== '/notices/v1/red') return void response.writeHead(404).end();
    const notices = Object.keys(POLLED).map((id) => ({
      entity_id: id,
      _links: { self: { href: `${base}/red/${id.replace('/', '-')}` } },
    }));
    json({ total: notices.length, _embedded: { notices }, _links: { self: { href: `${base}/red` } } });
  }

  const cli = (...args: string[]) => runCli(gateway.config, ...args);

  /** Everything a platform received so far (drained once, remembered). */
  async function inbox(platform: PlatformId): Promise<ReceivedMessage[]> {
    const messages = [...(received.get(platform) ?? []), ...(await gateway.platform(platform).drain())];
    received.set(platform, messages);
    return messages;
  }
  const ids = (messages: ReceivedMessage[]) => messages.map((m) => m.envelope.id).sort();

  it('import: a malformed file and a missing one are refused in English and French, the good file still goes to NP-ML, NP-NE and RP', async () => {
    const broken = join(dir, 'cut-short.json');
    await writeFile(broken, '{"entity_id": "2024/1", "name": ');
    const missing = join(dir, 'no-such-file.json');

    const { output, exitCode } = await cli('public-notices', 'import', broken, missing, RED_MALI_NIGER);

    expect(exitCode).toBe(1);
    expect(output).toMatch(new RegExp(`✗ ${broken}: TRANSLATION_\\w+ `));
    expect(output).toContain(`refusé : ${broken}`);
    expect(output).toContain(`✗ ${missing}: PUBLIC_NOTICES_FILE_UNREADABLE`);
    expect(output).toContain(`illisible : ${missing}`);
    const forwarded = /✓ .*: red 2024\/31877 forwarded \/ transmise → ([0-9a-f-]{36})/.exec(output);
    expect(forwarded).not.toBeNull();
    expect(output).toContain('1 read, 2 refused');
    expect(output).toContain('1 lus, 2 refusés');

    const messageId = forwarded?.[1];
    for (const platform of ['NP-ML', 'NP-NE', 'RP'] as const) {
      await expectEventually(async () => expect(ids(await inbox(platform))).toEqual([messageId]), {
        timeoutMs: 20_000,
      });
    }
    const [copy] = await inbox('RP');
    expect(copy.envelope).toMatchObject({ sender: 'INTERPOL', type: 'person.wanted' });
    expect(copy.signature.signerId).toBe('GATEWAY');
    // Nothing for the platforms the notice does not concern, and nothing from the refused files.
    for (const platform of ['NP-BF', 'NP-TD', 'NP-MR'] as const) expect(await inbox(platform)).toEqual([]);
  });

  it('import --json: one document per run, the same file again is unchanged and goes nowhere', async () => {
    const { output, exitCode } = await cli('public-notices', 'import', RED_MALI_NIGER, YELLOW_MALI, '--json');

    expect(exitCode).toBe(0);
    const report = JSON.parse(output) as {
      failed: number;
      results: { file: string; outcome: string; kind: string; entityId: string; messageId?: string }[];
    };
    expect(report.failed).toBe(0);
    expect(report.results.map((r) => [r.file, r.kind, r.entityId, r.outcome])).toEqual([
      [RED_MALI_NIGER, 'red', '2024/31877', 'unchanged'],
      [YELLOW_MALI, 'yellow', '2025/12087', 'forwarded'],
    ]);
    const missing = report.results[1].messageId;
    await expectEventually(async () => expect(ids(await inbox('RP'))).toContain(missing), {
      timeoutMs: 20_000,
    });
    expect(await inbox('RP')).toHaveLength(2);
    expect(await inbox('NP-NE')).toHaveLength(1);
  });

  it('poll --once forwards what concerns the G5; a second poll forwards nothing new', async () => {
    const first = await cli('public-notices', 'poll', '--once', '--json');
    expect(first.exitCode).toBe(0);
    const [summary] = (JSON.parse(first.output) as { summaries: Record<string, unknown>[] }).summaries;
    expect(summary).toMatchObject({ kind: 'red', notices: 2, forwarded: 1, notConcerned: 1, failed: 0 });
    const chad = await expectEventually(
      async () => {
        const messages = await inbox('NP-TD');
        expect(messages).toHaveLength(1);
        return messages[0];
      },
      { timeoutMs: 20_000 },
    );
    expect(chad.envelope.payload).toMatchObject({ subject: { familyName: 'MAHAMAT' } });

    const second = await cli('public-notices', 'poll', '--once');
    expect(second.exitCode).toBe(0);
    expect(second.output).toContain('red: 1 page(s), 2 notice(s): 0 forwarded, 2 unchanged');
    expect(second.output).toContain('0 transmise(s), 2 inchangée(s)');
    // Its progress is the command's stderr (kept by the runner), not lines printed among the results.
    expect(second.errors).toContain('public notices page read / page de notices publiques lue');
  });

  it('poll without --once, or with an unknown kind, explains itself in both languages and exits 2', async () => {
    const without = await cli('public-notices', 'poll');
    expect(without.exitCode).toBe(2);
    expect(without.output).toContain('Give --once');
    expect(without.output).toContain('Donnez --once');
    const unknown = await cli('public-notices', 'poll', '--once', '--kind', 'green');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.output).toContain('Unknown kind(s): green');
    expect(unknown.output).toContain('Type(s) inconnu(s) : green');
  });
});
