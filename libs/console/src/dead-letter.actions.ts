// What an operator does to a dead letter from the console, each at most once: the first click takes
// a Redis SET NX on the dead letter's id and failure time (ConsoleSources.claimReplay); a second,
// here or in another console, finds it taken and nothing is done. Replay and discard share the
// key, so a letter is never both replayed and discarded.
import { DeadLettersError, DeadLettersErrorCode } from '@pcms/dead-letters';
import type { Logger } from '@pcms/logging';
import type { ConsoleSources } from './console.sources';
import type { SerialDesk } from './serial-desk';

export type DeadLetterOutcome =
  /** Done: where to show the message's timeline, which now holds what was done and by whom. */
  | { readonly kind: 'done'; readonly location: string }
  /** Another click took it first. */
  | { readonly kind: 'taken' }
  /** The desk refused (not found, not replayable…), with its code; the claim was given back. */
  | { readonly kind: 'refused'; readonly code: string };

export interface BulkOutcome {
  readonly replayed: number;
  readonly taken: number;
  readonly refused: number;
}

export class DeadLetterActions {
  constructor(
    private readonly desk: SerialDesk,
    private readonly sources: ConsoleSources,
    private readonly logger: Logger,
  ) {}

  replay(messageId: string, failedAt: string, operator: string): Promise<DeadLetterOutcome> {
    return this.once(messageId, failedAt, async () => {
      const { to } = await this.retried(() => this.desk.replay(messageId, operator));
      this.logger.info(
        { messageId, to },
        'dead letter replayed from the console / lettre morte rejouée depuis la console',
      );
      return `/messages/${messageId}?replayed=${encodeURIComponent(to)}`;
    });
  }

  /**
   * Replays each of `letters` as a single replay would (its own claim: one already taken is
   * counted, not sent), one after another with `pauseMs` between: a bulk replay never floods the
   * destination that had failed.
   */
  async replayAll(
    letters: readonly { messageId: string; failedAt: string }[],
    operator: string,
    pauseMs: number,
  ): Promise<BulkOutcome> {
    const outcome = { replayed: 0, taken: 0, refused: 0 };
    for (const [index, letter] of letters.entries()) {
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const one = await this.replay(letter.messageId, letter.failedAt, operator);
      if (one.kind === 'done') outcome.replayed += 1;
      else if (one.kind === 'taken') outcome.taken += 1;
      else outcome.refused += 1;
    }
    return outcome;
  }

  discard(messageId: string, failedAt: string, reason: string, operator: string): Promise<DeadLetterOutcome> {
    return this.once(messageId, failedAt, async () => {
      await this.retried(() => this.desk.discard(messageId, reason, operator));
      this.logger.info(
        { messageId },
        'dead letter discarded from the console / lettre morte écartée depuis la console',
      );
      return `/messages/${messageId}?discarded=1`;
    });
  }

  private async once(
    messageId: string,
    failedAt: string,
    act: () => Promise<string>,
  ): Promise<DeadLetterOutcome> {
    const key = `${messageId}|${failedAt}`;
    if (!(await this.sources.claimReplay(key))) return { kind: 'taken' };
    try {
      return { kind: 'done', location: await act() };
    } catch (error: unknown) {
      await this.sources.releaseReplay(key);
      if (!(error instanceof DeadLettersError)) throw error;
      return { kind: 'refused', code: error.code };
    }
  }

  /**
   * A reading of the dead letters elsewhere (`pcms status`, another console) takes them off the
   * queue for a moment: a letter not found is looked for once more before the refusal.
   */
  private async retried<T>(act: () => Promise<T>): Promise<T> {
    try {
      return await act();
    } catch (error: unknown) {
      if (!(error instanceof DeadLettersError) || error.code !== DeadLettersErrorCode.DEAD_LETTER_NOT_FOUND) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      return act();
    }
  }
}
