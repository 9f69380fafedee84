// The four eyes of the chaos run: two operators (certificates of role operator, issued in the run's
// PKI) approve every waiting hold, as `pcms hold approve` does (HoldDesk: signed statement, verified
// against the CA and the CRL). A database away (PostgreSQL restarting) is retried at the next tick.
import { bindingOf, HoldDesk, holdStoreFromConfig, signHoldStatement, type HoldStore } from '@pcms/holds';
import type { LoadedConfig } from '@pcms/config';
import { SignatureVerifier, type Credential } from '@pcms/trust';
import { setTimeout as delay } from 'node:timers/promises';

const TICK_MS = 1000;
const BATCH = 200;

export class HoldReleaser {
  private store?: HoldStore;
  private running = false;
  private loop?: Promise<void>;
  failures = 0;
  lastFailure?: string;

  constructor(
    private readonly config: LoadedConfig,
    /** Each operator's id (the certificate's CN) and credential. */
    private readonly operators: readonly { id: string; credential: Credential }[],
    private readonly caPem: string,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops approving; the holds' counts by status, from the store (undefined if it cannot be read). */
  async stop(): Promise<Record<string, number> | undefined> {
    this.running = false;
    await this.loop;
    try {
      this.store ??= await holdStoreFromConfig(this.config);
      return await this.store.counts();
    } catch {
      return undefined;
    } finally {
      await this.store?.close().catch(() => undefined);
      this.store = undefined;
    }
  }

  private async run(): Promise<void> {
    const desk = () => new HoldDesk(this.store!, new SignatureVerifier({ trustAnchorsPem: [this.caPem] }));
    while (this.running) {
      try {
        this.store ??= await holdStoreFromConfig(this.config);
        const waiting = await this.store.list({ status: 'waiting', limit: BATCH });
        for (const hold of waiting) {
          // After a failure between the two approvals, the one already recorded is not asked again.
          const pending = this.operators.filter(
            ({ id }) => !hold.decisions.some((decision) => decision.operatorId === id),
          );
          for (const { credential } of pending) {
            const signed = signHoldStatement(credential, {
              ...bindingOf(hold),
              decision: 'approve',
              reason: null,
              at: new Date().toISOString(),
            });
            await desk().decide(hold.id, signed);
          }
        }
      } catch (error: unknown) {
        this.failures += 1;
        this.lastFailure = error instanceof Error ? error.message : String(error);
        // A store whose connections died is opened again.
        await this.store?.close().catch(() => undefined);
        this.store = undefined;
      }
      await delay(TICK_MS);
    }
  }
}
