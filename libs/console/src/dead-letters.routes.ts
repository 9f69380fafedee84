// The dead-letter pages and actions: the list (filtered by code), a replay or a discard of one,
// and a bulk replay after a confirmation that states the count. Every action is an operator's,
// with the form's CSRF token, at most once (DeadLetterActions).
import type { Logger } from '@pcms/logging';
import { may } from './access';
import type { ConsoleSources } from './console.sources';
import { checkedForm, MESSAGE_ID, redirect, refuse, send, type ConsoleRequest } from './console-request';
import type { CsrfTokens } from './csrf';
import { DeadLetterActions, type DeadLetterOutcome } from './dead-letter.actions';
import type { SerialDesk } from './serial-desk';
import { bulkReplayPage } from './views/bulk-replay.view';
import { deadLettersPage } from './views/dead-letters.view';

const FAILED_AT = /^[0-9TZ:.+-]{1,40}$/;
const CODE = /^[A-Z0-9_]{1,64}$/;
/** A discard's reason, journaled: a sentence, not a document. */
const MAX_REASON_LENGTH = 500;
/** A bulk replay sends one dead letter every BULK_PAUSE_MS, at most BULK_MAX per confirmation. */
const BULK_PAUSE_MS = 200;
const BULK_MAX = 50;
/** The newest dead letters a page shows (`pcms dlq list --limit`). */
const LISTED = 100;

export class DeadLetterRoutes {
  private readonly actions: DeadLetterActions;

  constructor(
    private readonly desk: SerialDesk,
    sources: ConsoleSources,
    private readonly csrf: CsrfTokens,
    logger: Logger,
  ) {
    this.actions = new DeadLetterActions(desk, sources, logger);
  }

  /** GET /dead-letters (right checked by the caller). */
  async list({ url, context }: ConsoleRequest): Promise<string> {
    const code = codeParameter(url.searchParams.get('code'));
    return deadLettersPage(context, await this.desk.list(LISTED), undefined, code);
  }

  /** GET /dead-letters/bulk?code=: the confirmation page; nothing is sent yet. */
  async confirmBulk(request: ConsoleRequest): Promise<string | undefined> {
    const code = codeParameter(request.url.searchParams.get('code'));
    if (!code) return undefined;
    return bulkReplayPage(request.context, code, await this.lettersOf(code), BULK_PAUSE_MS);
  }

  /** POST /dead-letters/replay or /dead-letters/discard. */
  async act(request: ConsoleRequest, action: 'replay' | 'discard'): Promise<void> {
    const { res, context, authenticated } = request;
    if (!may(authenticated.reader, action)) return refuse(request, 403);
    const form = await checkedForm(request, this.csrf);
    if (!form) return;
    const messageId = form.get('messageId') ?? '';
    const failedAt = form.get('failedAt') ?? '';
    const reason = (form.get('reason') ?? '').trim();
    if (!MESSAGE_ID.test(messageId) || !FAILED_AT.test(failedAt)) return refuse(request, 404);
    const operator = authenticated.reader.id;
    let outcome: DeadLetterOutcome;
    if (action === 'replay') {
      outcome = await this.actions.replay(messageId, failedAt, operator);
    } else {
      if (reason === '' || reason.length > MAX_REASON_LENGTH) {
        return this.listWith(request, 422, context.locale.t('discard.reasonNeeded'));
      }
      outcome = await this.actions.discard(messageId, failedAt, reason, operator);
    }
    switch (outcome.kind) {
      case 'done':
        return redirect(res, outcome.location);
      case 'taken':
        return this.listWith(request, 409, context.locale.t('replay.already'));
      case 'refused':
        return this.listWith(request, 409, context.locale.t('replay.refused', { code: outcome.code }));
    }
  }

  /** POST /dead-letters/bulk: the set must still have the count the operator confirmed. */
  async bulk(request: ConsoleRequest): Promise<void> {
    const { res, context, authenticated } = request;
    if (!may(authenticated.reader, 'replay')) return refuse(request, 403);
    const form = await checkedForm(request, this.csrf);
    if (!form) return;
    const code = codeParameter(form.get('code'));
    if (!code) return refuse(request, 404);
    const letters = await this.lettersOf(code);
    if (String(letters.length) !== form.get('count')) {
      const notice = context.locale.t('bulk.changed', { count: letters.length });
      return send(res, 409, bulkReplayPage(context, code, letters, BULK_PAUSE_MS, notice));
    }
    const outcome = await this.actions.replayAll(
      letters.flatMap((l) =>
        l.messageId && l.failedAt ? [{ messageId: l.messageId, failedAt: l.failedAt }] : [],
      ),
      authenticated.reader.id,
      BULK_PAUSE_MS,
    );
    await this.listWith(request, 200, context.locale.t('bulk.done', { ...outcome }));
  }

  private async listWith({ res, context }: ConsoleRequest, status: number, notice: string): Promise<void> {
    send(res, status, deadLettersPage(context, await this.desk.list(LISTED), notice));
  }

  /** The dead letters of one code, at most BULK_MAX of them. */
  private async lettersOf(code: string) {
    const { letters } = await this.desk.list(LISTED);
    return letters.filter((letter) => letter.code === code).slice(0, BULK_MAX);
  }
}

function codeParameter(value: string | null): string | undefined {
  return value && CODE.test(value) ? value : undefined;
}
