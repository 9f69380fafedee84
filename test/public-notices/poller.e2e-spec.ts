// Interpol's public notices, polled from a local server that behaves like the service (pages
// capped, the last page served again past the end, 502 for an unknown id): the notices that
// concern a G5 country reach their platforms and RP, the others nobody; a second poll forwards
// nothing; a changed notice is forwarded again.
import type { PlatformId } from '@pcms/envelope';
import { JournalEmitter } from '@pcms/journal-emitter';
import type { ReceivedMessage } from '@pcms/platform-client';
import {
  AmqpInboundOutlet,
  publicNoticesFromConfig,
  type PublicNoticesRuntime,
  type TranslatedPublicNotice,
} from '@pcms/public-notices';
import { MappingRegistry, Translator } from '@pcms/translation';
import { CmsSigner } from '@pcms/trust';
import { Redis } from 'ioredis';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expectEventually } from '../support/expect-eventually';
import { GatewayHarness, PROJECT_ROOT } from '../support/gateway.harness';

jest.setTimeout(90_000);

type Kind = 'red' | 'yellow' | 'un';
type Notice = Record<string, unknown> & { entity_id: string };

const warrant = (country: string, charge: string) => ({
  issuing_country_id: country,
  charge,
  charge_translation: null,
});
const red = (id: string, name: string, nationalities: string[], warrants: object[]): Notice => ({
  entity_id: id,
  name,
  forename: null,
  date_of_birth: '1980',
  sex_id: 'M',
  nationalities,
  eyes_colors_id: null,
  hairs_id: null,
  languages_spoken_ids: null,
  height: 0,
  weight: 0,
  arrest_warrants: warrants,
  _embedded: { links: [] },
});

/** What the fake service publishes; the tests change it between polls. */
const SERVICE: Record<Kind, Notice[]> = {
  red: [
    red('2024/31877', 'TRAORE', ['ML'], [warrant('ML', 'Terrorisme'), warrant('NE', 'Terrorism')]),
    red('2023/18850', 'DIALLO-KEITA', ['FR', 'ML'], [warrant('FR', 'Trafficking in human beings')]),
    red('2020/1111', 'DUPONT', ['FR'], [warrant('FR', 'Fraud')]),
    red('2011/40219', 'AG ALMOUBACHER', ['ML', 'DZ'], [warrant('MR', 'Kidnapping\r\nHostage taking')]),
    // Listed, but its detail answers 502, as the service does for an unknown id.
    red('2099/99999', 'GHOST', ['ML'], []),
  ],
  yellow: [
    {
      entity_id: '2025/500',
      name: 'ABAKAR',
      forename: '-',
      nationalities: ['TD'],
      date_of_event: '2025/01',
      country: 'Tchad',
    },
  ],
  un: [
    {
      entity_id: '2014/14071',
      name: 'AL-MOURABITOUN',
      also_known_as: 'Les Signataires par le sang;',
      main_activity: 'Terrorism',
      adresses: ['Gao, Mali'],
      un_reference: 'QDe.141',
    },
  ],
};
const UNKNOWN_ID = '2099/99999';
const PER_PAGE = 2;

describe('public notices: poll → the G5 platforms they concern', () => {
  let gateway: GatewayHarness;
  let server: Server;
  let baseUrl: string;
  const pagesServed: string[] = [];
  const received = new Map<PlatformId, ReceivedMessage[]>();

  beforeAll(async () => {
    server = createServer((request, response) => serve(request.url ?? '/', response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notices/v1`;
    gateway = await GatewayHarness.create(__filename);
    // The adapter polls once at start (then hourly); failures are not retried here, to keep count.
    Object.assign(gateway.config.publicNotices, {
      enabled: true,
      baseUrl,
      kinds: ['red', 'yellow', 'un'],
      intervalSeconds: 3600,
      resultPerPage: PER_PAGE,
      timeoutMs: 3000,
      attempts: 1,
      filters: { nationality: [], arrestWarrantCountryId: [] },
    });
    await gateway.startAll();
  });

  afterAll(async () => {
    await gateway.stop();
    // fetch keeps connections alive: close them, or the server never finishes closing.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function serve(url: string, response: import('node:http').ServerResponse): void {
    const { pathname, searchParams } = new URL(url, baseUrl);
    const [, kind, id] = /^\/notices\/v1\/(red|yellow|un)(?:\/(.+))?$/.exec(pathname) ?? [];
    const list = SERVICE[kind as Kind];
    if (!list) return void response.writeHead(404).end();
    if (id !== undefined) {
      const notice = list.find((n) => n.entity_id.replace('/', '-') === id);
      if (!notice || notice.entity_id === UNKNOWN_ID) return void response.writeHead(502).end('Bad Gateway');
      return void response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ...notice, _links: { self: { href: `${baseUrl}/${kind}/${id}` } } }));
    }
    const last = Math.max(1, Math.ceil(list.length / PER_PAGE));
    // Past the last page the service answers the last page again.
    const page = Math.min(Number(searchParams.get('page') ?? 1), last);
    pagesServed.push(`${kind}:${searchParams.get('page')}`);
    const notices = list.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((n) => ({
      entity_id: n.entity_id,
      name: n.name,
      _links: { self: { href: `${baseUrl}/${kind}/${n.entity_id.replace('/', '-')}` } },
    }));
    // The red list keeps a `next` link even on its last page: the repeated page must stop the poller.
    const next =
      page < last || kind === 'red' ? { next: { href: `${baseUrl}/${kind}?page=${page + 1}` } } : {};
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        total: list.length,
        query: { page, resultPerPage: PER_PAGE },
        _embedded: { notices },
        _links: { self: { href: `${baseUrl}/${kind}?page=${page}` }, ...next },
      }),
    );
  }

  async function collect(platform: PlatformId): Promise<ReceivedMessage[]> {
    const messages = [...(received.get(platform) ?? []), ...(await gateway.platform(platform).drain())];
    received.set(platform, messages);
    return messages;
  }

  const familyNames = (messages: ReceivedMessage[]): unknown[] =>
    messages
      .map((m) => {
        const payload = m.envelope.payload as {
          subject?: { familyName?: string };
          entity?: { name?: string };
        };
        return payload.subject?.familyName ?? payload.entity?.name;
      })
      .sort();

  /** A poller like the adapter's, on the same Redis fingerprints, counting what it forwards. */
  async function poller(): Promise<{
    runtime: PublicNoticesRuntime;
    forwarded: TranslatedPublicNotice[];
    redis: Redis;
  }> {
    const mappings = new MappingRegistry();
    await mappings.loadDirectory(join(PROJECT_ROOT, 'mappings'));
    const outlet = new AmqpInboundOutlet(
      gateway.amqp,
      gateway.topology,
      new CmsSigner(gateway.pki.gateway),
      new JournalEmitter(gateway.amqp, gateway.topology, 'public-notices-test'),
    );
    const forwarded: TranslatedPublicNotice[] = [];
    const redis = new Redis(gateway.config.redis.url);
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const runtime = publicNoticesFromConfig(gateway.config, {
      translator: new Translator(mappings),
      redis,
      outlet: { forward: async (notice) => void (forwarded.push(notice), await outlet.forward(notice)) },
      logger: silent,
    });
    return { runtime, forwarded, redis };
  }

  it("the adapter's first poll brings each notice concerning the G5 to its platforms and RP, signed by the gateway", async () => {
    const everyRp = await expectEventually(
      async () => {
        const messages = await collect('RP');
        expect(messages).toHaveLength(5);
        return messages;
      },
      { timeoutMs: 30_000 },
    );
    expect(familyNames(everyRp)).toEqual([
      'ABAKAR',
      'AG ALMOUBACHER',
      'AL-MOURABITOUN',
      'DIALLO-KEITA',
      'TRAORE',
    ]);
    expect(everyRp.every((m) => m.signature.signerId === 'GATEWAY' && m.envelope.sender === 'INTERPOL')).toBe(
      true,
    );
    // AL-MOURABITOUN, a UN-listed group at "Gao, Mali", reaches Mali's platform by its address.
    expect(familyNames(await collect('NP-ML'))).toEqual([
      'AG ALMOUBACHER',
      'AL-MOURABITOUN',
      'DIALLO-KEITA',
      'TRAORE',
    ]);
    expect(familyNames(await collect('NP-NE'))).toEqual(['TRAORE']);
    expect(familyNames(await collect('NP-MR'))).toEqual(['AG ALMOUBACHER']);
    expect(familyNames(await collect('NP-TD'))).toEqual(['ABAKAR']);
    expect(await collect('NP-BF')).toEqual([]);
    const traore = everyRp.find((m) => familyNames([m])[0] === 'TRAORE');
    expect(traore?.envelope).toMatchObject({ type: 'person.wanted', classification: 'UNCLASSIFIED' });
    // The red list's repeated last page stopped the sweep: pages 1-3, then 4 (= 3) and no more.
    expect(pagesServed.filter((page) => page.startsWith('red:'))).toEqual([
      'red:1',
      'red:2',
      'red:3',
      'red:4',
    ]);
  });

  it('a second poll forwards nothing new, and still counts the unknown id as failed', async () => {
    const { runtime, forwarded, redis } = await poller();
    try {
      const summaries = await Promise.all(
        (['red', 'yellow', 'un'] as const).map((kind) => runtime.poller.poll(kind)),
      );
      expect(forwarded).toEqual([]);
      expect(summaries.map((s) => [s.kind, s.forwarded, s.unchanged, s.notConcerned, s.failed])).toEqual([
        ['red', 0, 4, 0, 1],
        ['yellow', 0, 1, 0, 0],
        ['un', 0, 1, 0, 0],
      ]);
      expect(summaries[0].failures).toEqual([{ entityId: UNKNOWN_ID, code: 'PUBLIC_NOTICES_HTTP_STATUS' }]);
    } finally {
      redis.disconnect();
    }
  });

  it('a changed notice is forwarded again, as a new message, to the same platforms', async () => {
    SERVICE.red[0].arrest_warrants = [warrant('ML', 'Terrorisme'), warrant('NE', 'Terrorism\r\nFinancing')];
    const { runtime, forwarded, redis } = await poller();
    try {
      const summary = await runtime.poller.poll('red');
      expect([summary.forwarded, summary.unchanged]).toEqual([1, 3]);
      expect(forwarded.map((n) => n.entityId)).toEqual(['2024/31877']);
    } finally {
      redis.disconnect();
    }
    const again = await expectEventually(
      async () => {
        const messages = (await collect('NP-NE')).filter((m) => familyNames([m])[0] === 'TRAORE');
        expect(messages).toHaveLength(2);
        return messages;
      },
      { timeoutMs: 20_000 },
    );
    expect(again[0].envelope.id).not.toBe(again[1].envelope.id);
    expect(again[1].envelope.payload).toMatchObject({
      warrants: [{ charge: 'Terrorisme' }, { issuingCountry: 'NE', charge: 'Terrorism\nFinancing' }],
    });
  });
});
