// Deciding a hold from the console, as strongly as `pcms hold approve`: the console shows the
// statement to sign (bindingOf the hold, the decision, the reason, the time) and the command that
// signs it where the operator's key is (`pcms hold sign`); the signature pasted back is verified by
// HoldDesk with the deployment's CA and current revocation list, the command line's own code. The
// console never sees a private key. README.md, "Holds: the console shows, the command line signs".
import {
  bindingOf,
  holdRejectionEvent,
  HoldsError,
  HoldsErrorCode,
  holdStatementToken,
  type HoldDecisionKind,
  type HoldStatement,
} from '@pcms/holds';
import type { Logger } from '@pcms/logging';
import { may } from './access';
import type { ConsoleSources } from './console.sources';
import { checkedForm, MESSAGE_ID, redirect, refuse, send, type ConsoleRequest } from './console-request';
import type { CsrfTokens } from './csrf';
import { holdDecisionPage, holdDecisionRefusedPage } from './views/hold-decision.view';

/** A detached CMS signature in base64 (a certificate and an RSA signature: a few kilobytes). */
const SIGNATURE = /^[A-Za-z0-9+/=]{16,12000}$/;
/** The decision form carries the statement and the signature: larger than the other forms. */
const MAX_DECISION_FORM_BYTES = 24 * 1024;
const MAX_REASON_LENGTH = 500;

export class HoldDecisionRoutes {
  constructor(
    private readonly sources: ConsoleSources,
    private readonly csrf: CsrfTokens,
    private readonly logger: Logger,
  ) {}

  /** GET /holds/<id>/decide?decision=approve|reject&reason=: the statement to sign, nothing recorded. */
  async statement(request: ConsoleRequest, holdId: string): Promise<void> {
    const { url, context, res } = request;
    if (!may(request.authenticated.reader, 'decide')) return refuse(request, 403);
    const decision = decisionOf(url.searchParams.get('decision'));
    const hold = MESSAGE_ID.test(holdId) ? await this.sources.findHold(holdId) : undefined;
    if (!decision || !hold || hold.status !== 'waiting') return refuse(request, 404);
    const reason = (url.searchParams.get('reason') ?? '').trim().slice(0, MAX_REASON_LENGTH);
    if (decision === 'reject' && reason.length < 3) {
      return send(res, 422, holdDecisionPage(context, hold, { decision, missingReason: true }));
    }
    const statement: HoldStatement = {
      ...bindingOf(hold),
      decision,
      reason: reason === '' ? null : reason,
      at: new Date().toISOString(),
    };
    send(
      res,
      200,
      holdDecisionPage(context, hold, { decision, statement, token: holdStatementToken(statement) }),
    );
  }

  /** POST /holds/<id>/decide: the signed statement, verified and recorded by HoldDesk. */
  async decide(request: ConsoleRequest, holdId: string): Promise<void> {
    const { res, context, authenticated } = request;
    if (!may(authenticated.reader, 'decide')) return refuse(request, 403);
    const form = await checkedForm(request, this.csrf, MAX_DECISION_FORM_BYTES);
    if (!form) return;
    const statement = form.get('statement') ?? '';
    const signature = (form.get('signature') ?? '').replace(/\s+/g, '');
    if (!MESSAGE_ID.test(holdId)) return refuse(request, 404);
    if (!SIGNATURE.test(signature)) {
      return send(res, 422, holdDecisionRefusedPage(context, holdId, HoldsErrorCode.SignatureRefused));
    }
    try {
      const result = await this.sources.decideHold(holdId, { statement, signature });
      const decided = result.hold.decisions.at(-1);
      if (result.outcome === 'rejected') {
        // The router never sees a refusal: the journal hears it from here, as from `pcms hold reject`.
        await this.sources.journalEvents.emit(
          holdRejectionEvent(result.hold, decided?.operatorId, decided?.reason),
        );
      }
      this.logger.info(
        { holdId, messageId: result.hold.messageId, outcome: result.outcome },
        'hold decision recorded from the console / décision de retenue enregistrée depuis la console',
      );
      redirect(res, `/holds?decided=${result.outcome}&hold=${result.hold.id}`);
    } catch (error: unknown) {
      if (!(error instanceof HoldsError)) throw error;
      this.logger.warn(
        { holdId, code: error.code },
        'hold decision refused in the console / décision de retenue refusée dans la console',
      );
      send(res, statusOf(error.code), holdDecisionRefusedPage(context, holdId, error.code));
    }
  }
}

function decisionOf(value: string | null): HoldDecisionKind | undefined {
  return value === 'approve' || value === 'reject' ? value : undefined;
}

function statusOf(code: HoldsErrorCode): number {
  switch (code) {
    case HoldsErrorCode.NotFound:
      return 404;
    case HoldsErrorCode.NotWaiting:
    case HoldsErrorCode.Expired:
    case HoldsErrorCode.OperatorAlreadyDecided:
      return 409;
    case HoldsErrorCode.NotAnOperator:
    case HoldsErrorCode.SignatureRefused:
      return 403;
    case HoldsErrorCode.StatementInvalid:
    case HoldsErrorCode.CredentialInvalid:
      return 422;
    case HoldsErrorCode.ConfigInvalid:
    case HoldsErrorCode.MigrationFailed:
    case HoldsErrorCode.ApprovalsUnverified:
    case HoldsErrorCode.BodyUnreadable:
      return 500;
  }
}
