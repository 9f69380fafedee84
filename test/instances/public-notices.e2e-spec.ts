// Two I-24/7 adapters started together on one gateway, both polling the same stand-in of
// Interpol's public notices (issue 12, point 1): each notice that concerns the G5 reaches its
// platforms once, not once per adapter. Every copy is counted, after a barrier notice sent once
// both adapters have stopped.
import type { PlatformId } from '@pcms/envelope';
import { JournalEmitter } from '@pcms/journal-emitter';
import type { ReceivedMessage } from '@pcms/platform-client';
import { RedisLease } from '@pcms/lease';
import { AmqpInboundOutlet, pollLeaseKey, publicNoticesFromConfig } from '@pcms/public-notices';
import { MappingRegistry, Translator } from '@pcms/translation';
import { CmsSigner } from '@pcms/trust';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { InterpolStandIn, type StandInNotice } from '../public-notices/interpol-stand-in';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { GatewayHarness, PROJECT_ROOT } from '../support/gateway.harness';

jest.setTimeout(120_000);

const NOTICES = 40;
const wanted = (i: number, country: string): StandInNotice => ({
  entity_id: `2024/${3000 + i}`,
  name: `WANTED-${i}`,
  forename: '-',
  nationalities: [country],
  sex_id: 'M',
  date_of_birth: '1980',
  eyes_colors_id: null,
  hairs_id: null,
  languages_spoken_ids: null,
  height: 0,
  weight: 0,
  arrest_warrants: [{ issuing_country_id: country, charge: 'Terrorism', charge_translation: null }],
});
const STAND_IN = new InterpolStandIn({
  red: Array.from({ length: NOTICES }, (_, i) => wanted(i, 'ML')),
  yellow: [],
  un: [],
});

describe('two I-24/7 adapters polling the public notices', () => {
  let gateway: GatewayHarness;
  const received = new Map<PlatformId, ReceivedMessage[]>();

  beforeAll(async () => {
    await STAND_IN.start();
    gateway = await GatewayHarness.create(__filename);
    Object.assign(gateway.config.publicNotices, {
      enabled: false,
      baseUrl: STAND_IN.baseUrl,
      kinds: ['red'],
      intervalSeconds: 1,
      resultPerPage: 10,
      timeoutMs: 5000,
      attempts: 1,
      filters: { nationality: [], arrestWarrantCountryId: [] },
    });
    // The gateway's own adapter does not poll; the two that do start at the same time.
    await gateway.startAll();
    gateway.config.publicNotices.enabled = true;
    await Promise.all([gateway.startInstance('i247-adapter', 2), gateway.startInstance('i247-adapter', 3)]);
  });

  afterAll(async () => {
    await gateway?.stop();
    await STAND_IN.stop();
  });

  async function collect(platform: PlatformId): Promise<ReceivedMessage[]> {
    const messages = [...(received.get(platform) ?? []), ...(await gateway.platform(platform).drain())];
    received.set(platform, messages);
    return messages;
  }

  /** One more notice, forwarded once by the test after the adapters stopped: whatever they sent is ahead of it. */
  async function sendBarrier(): Promise<string> {
    const mappings = new MappingRegistry();
    await mappings.loadDirectory(join(PROJECT_ROOT, 'mappings'));
    const redis = new Redis(gateway.config.redis.url);
    try {
      STAND_IN.notices.red.push(wanted(NOTICES, 'ML'));
      const { poller } = publicNoticesFromConfig(gateway.config, {
        translator: new Translator(mappings),
        redis,
        outlet: new AmqpInboundOutlet(
          gateway.amqp,
          gateway.topology,
          new CmsSigner(gateway.pki.gateway),
          new JournalEmitter(gateway.amqp, gateway.topology, 'public-notices-test'),
        ),
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      });
      const summary = await poller.poll('red');
      expect(summary.forwarded).toBe(1);
      return `WANTED-${NOTICES}`;
    } finally {
      redis.disconnect();
    }
  }

  const nameOf = (message: ReceivedMessage) =>
    (message.envelope.payload as { subject?: { familyName?: string } }).subject?.familyName ?? '?';

  it('hands each notice on once, to RP and to the platform it concerns, while both adapters poll', async () => {
    // Several periods of polling by both adapters.
    await expectEventually(async () => expect((await collect('RP')).length).toBeGreaterThanOrEqual(NOTICES), {
      timeoutMs: 60_000,
    });
    const polled = STAND_IN.requests.length;
    await expectEventually(() => expect(STAND_IN.requests.length).toBeGreaterThan(polled + 2 * NOTICES), {
      timeoutMs: 30_000,
    });
    await gateway.stopApp('i247-adapter#2');
    await gateway.stopApp('i247-adapter#3');
    const barrier = await sendBarrier();

    for (const platform of ['RP', 'NP-ML'] as const) {
      const messages = await expectEventually(
        async () => {
          const all = await collect(platform);
          expect(all.map(nameOf)).toContain(barrier);
          return all;
        },
        { timeoutMs: 30_000 },
      );
      const copies = new Map<string, number>();
      for (const message of messages)
        copies.set(message.envelope.id, (copies.get(message.envelope.id) ?? 0) + 1);
      expect([...copies.values()].filter((count) => count > 1)).toEqual([]);
      expect(new Set(messages.map(nameOf)).size).toBe(NOTICES + 1);
      expect(messages).toHaveLength(NOTICES + 1);
    }
    expect(await collect('NP-NE')).toEqual([]);
  });

  it('leaves a kind an adapter is polling to it when the CLI polls once, and polls it once the lease is free', async () => {
    const redis = new Redis(gateway.config.redis.url);
    try {
      // As an adapter in the middle of its poll of the red list.
      const adapter = new RedisLease(redis, pollLeaseKey(gateway.config.redis.keyPrefix, 'red'), {
        ttlMs: 60_000,
      });
      expect(await adapter.acquire()).toBeDefined();

      const busy = await runCli(
        gateway.config,
        'public-notices',
        'poll',
        '--once',
        '--kind',
        'red',
        '--json',
      );
      expect(JSON.parse(busy.output)).toEqual({ summaries: [], failed: 0, busy: ['red'] });
      expect(busy.exitCode).toBe(0);

      await adapter.release();
      const polled = await runCli(
        gateway.config,
        'public-notices',
        'poll',
        '--once',
        '--kind',
        'red',
        '--json',
      );
      const result = JSON.parse(polled.output) as {
        summaries: Array<{ kind: string; unchanged: number }>;
        busy: string[];
      };
      expect(result.busy).toEqual([]);
      expect(result.summaries.map((s) => [s.kind, s.unchanged])).toEqual([['red', NOTICES + 1]]);
    } finally {
      redis.disconnect();
    }
  });
});
