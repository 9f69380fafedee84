import { HoldsErrorCode, type Hold, type HoldDecisionKind, type HoldStatement } from '@pcms/holds';
import { html } from '../html';
import type { MessageKey } from '../i18n/catalogue';
import { layout, timeOf } from './layout.view';
import type { ViewContext } from './view-context';

export type HoldDecisionForm =
  | { decision: HoldDecisionKind; statement: HoldStatement; token: string }
  | { decision: HoldDecisionKind; missingReason: true };

/**
 * What the operator signs, the command that signs it where their key is, and the form the
 * signature comes back in with the very statement shown (canonical JSON, hidden).
 */
export function holdDecisionPage(context: ViewContext, hold: Hold, form: HoldDecisionForm): string {
  const { locale } = context;
  const title = locale.t(form.decision === 'approve' ? 'decision.approve' : 'decision.reject', {
    id: hold.id,
  });
  if ('missingReason' in form) {
    return layout(
      context,
      title,
      html`<p class="refusal" role="alert">${locale.t('decision.reasonNeeded')}</p>
        ${rejectForm(context, hold.id)}`,
    );
  }
  const { statement, token } = form;
  // The token is the statement's canonical bytes: what `pcms hold sign` signs, byte for byte.
  const statementText = Buffer.from(token, 'base64url').toString('utf8');
  const row = (label: string, value: unknown) =>
    html`<div>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  return layout(
    context,
    title,
    html`<p>${locale.t('decision.what')}</p>
      <dl class="statement" data-hold="${hold.id}">
        ${row(locale.t('col.messageId'), html`<code>${statement.messageId}</code>`)}
        ${row(locale.t('decision.digest'), html`<code>${statement.messageSha256}</code>`)}
        ${row(locale.t('col.rule'), html`<code>${statement.rule}</code>`)}
        ${row(locale.t('decision.required'), locale.number(statement.approvalsRequired))}
        ${row(locale.t('decision.decision'), locale.t(form.decision === 'approve' ? 'holds.approve' : 'holds.reject'))}
        ${statement.reason ? row(locale.t('col.reason'), statement.reason) : ''}
        ${row(locale.t('decision.at'), timeOf(context, statement.at))}
      </dl>
      <p>${locale.t('decision.run')}</p>
      <pre><code class="sign">pcms hold sign ${token} --operator &lt;certificate.crt&gt;</code></pre>
      <form method="post" action="/holds/${hold.id}/decide" class="decide">
        <input type="hidden" name="csrf" value="${context.csrf ?? ''}" />
        <input type="hidden" name="statement" value="${statementText}" />
        <label
          >${locale.t('decision.signature')}
          <textarea name="signature" rows="6" required spellcheck="false" autocomplete="off"></textarea>
        </label>
        <button type="submit">${locale.t('decision.submit')}</button>
      </form>`,
  );
}

/** The reject form of the holds page: the reason is part of what the operator signs. */
export function rejectForm(context: ViewContext, holdId: string) {
  const { locale } = context;
  return html`<form method="get" action="/holds/${holdId}/decide" class="reject">
    <input type="hidden" name="decision" value="reject" />
    <label
      >${locale.t('holds.reason')}
      <input name="reason" required minlength="3" maxlength="500" />
    </label>
    <button type="submit">${locale.t('holds.reject')}</button>
  </form>`;
}

/** A decision HoldDesk refused: the code and what it means, nothing recorded. */
export function holdDecisionRefusedPage(context: ViewContext, holdId: string, code: HoldsErrorCode): string {
  const { locale } = context;
  return layout(
    context,
    locale.t('decision.refused', { code }),
    html`<p class="refusal" role="alert" data-code="${code}">${locale.t(explanationOf(code))}</p>
      <p><a href="/holds">${locale.t('nav.holds')}</a> · <code>${holdId}</code></p>`,
  );
}

function explanationOf(code: HoldsErrorCode): MessageKey {
  switch (code) {
    case HoldsErrorCode.SignatureRefused:
      return 'decision.refused.signature';
    case HoldsErrorCode.NotAnOperator:
      return 'decision.refused.operator';
    case HoldsErrorCode.OperatorAlreadyDecided:
      return 'decision.refused.already';
    case HoldsErrorCode.NotWaiting:
    case HoldsErrorCode.Expired:
    case HoldsErrorCode.NotFound:
      return 'decision.refused.late';
    case HoldsErrorCode.StatementInvalid:
    case HoldsErrorCode.CredentialInvalid:
    case HoldsErrorCode.ConfigInvalid:
    case HoldsErrorCode.MigrationFailed:
    case HoldsErrorCode.ApprovalsUnverified:
    case HoldsErrorCode.BodyUnreadable:
      return 'decision.refused.statement';
  }
}
