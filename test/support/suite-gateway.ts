// The whole gateway running for one test file: started before its tests, stopped (with the journal
// audit GatewayHarness.stop does) after them, and what each platform's queue received. Draining a
// queue consumes its messages, so every message drained is kept for the next look.
import { PLATFORM_IDS, type PlatformId } from '@pcms/envelope';
import type { ReceivedMessage } from '@pcms/platform-client';
import { expectEventually } from './expect-eventually';
import { GatewayHarness } from './gateway.harness';

/** How long a message may take to cross the gateway to a platform. */
const CROSSING_TIMEOUT_MS = 20_000;

export class SuiteGateway {
  private harness?: GatewayHarness;
  private readonly kept = new Map<PlatformId, ReceivedMessage[]>();

  private constructor() {}

  /** Registers the beforeAll and afterAll of the calling file (or describe block). */
  static start(testFile: string): SuiteGateway {
    const suite = new SuiteGateway();
    beforeAll(async () => {
      suite.harness = await GatewayHarness.create(testFile);
      await suite.harness.startAll();
    });
    afterAll(async () => {
      await suite.harness?.stop();
    });
    return suite;
  }

  /** The running harness; only inside tests and hooks that run after beforeAll. */
  get gateway(): GatewayHarness {
    if (!this.harness) throw new Error('the suite gateway is used before its beforeAll has started it');
    return this.harness;
  }

  /** Everything `platform`'s queue received so far. */
  async received(platform: PlatformId): Promise<ReceivedMessage[]> {
    const messages = [...(this.kept.get(platform) ?? []), ...(await this.gateway.platform(platform).drain())];
    this.kept.set(platform, messages);
    return messages;
  }

  /** The one copy of `messageId` that `platform` received, once it has: fails on none or several. */
  async receivedOnce(platform: PlatformId, messageId: string): Promise<ReceivedMessage> {
    return expectEventually(
      async () => {
        const mine = (await this.received(platform)).filter((message) => message.envelope.id === messageId);
        expect(mine).toHaveLength(1);
        return mine[0];
      },
      { timeoutMs: CROSSING_TIMEOUT_MS },
    );
  }

  /** Which of `platforms` have received a copy of `messageId` so far. */
  async holdersOf(messageId: string, platforms: readonly PlatformId[] = PLATFORM_IDS): Promise<PlatformId[]> {
    const holders: PlatformId[] = [];
    for (const platform of platforms) {
      if ((await this.received(platform)).some((message) => message.envelope.id === messageId)) {
        holders.push(platform);
      }
    }
    return holders;
  }
}
