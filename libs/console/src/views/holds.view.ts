import type { Hold } from '@pcms/holds';
import { may } from '../access';
import { html } from '../html';
import { layout, timeOf } from './layout.view';
import { rejectForm } from './hold-decision.view';
import type { ViewContext } from './view-context';

/**
 * The holds waiting for operators, as `pcms hold list` shows them: why (rule, reason), approvals so
 * far, time left. A decision is signed with the operator's own key, which the console never holds:
 * an operator approves or rejects through the statement page (`pcms hold sign`), or runs the
 * command line's own `pcms hold approve` (libs/console/README.md, "Holds").
 */
export function holdsPage(
  context: ViewContext,
  holds: readonly Hold[],
  decided?: 'recorded' | 'released' | 'rejected',
  now = new Date(),
): string {
  const { locale, reader } = context;
  const canDecide = reader !== undefined && may(reader, 'decide');
  const rows = holds.map((hold) => {
    const approvers = hold.decisions.filter((d) => d.decision === 'approve').map((d) => d.operatorId);
    const minutes = Math.max(0, Math.floor((new Date(hold.expiresAt).getTime() - now.getTime()) / 60_000));
    return html`<tr data-hold="${hold.id}" data-message="${hold.messageId}">
      <td><code>${hold.id}</code></td>
      <td>
        <a href="/messages/${hold.messageId}"><code>${hold.messageId}</code></a
        ><br />${hold.sender} ${hold.type}
      </td>
      <td><code>${hold.rule}</code><br />${hold.reason}</td>
      <td class="num" data-approvals="${approvers.length}">
        ${locale.number(approvers.length)}/${locale.number(hold.approvalsRequired)}
        ${approvers.length > 0 ? html`<br />${locale.t('holds.approvedBy', { ids: approvers.join(', ') })}` : ''}
      </td>
      <td>${timeOf(context, hold.expiresAt)}<br />${locale.t('holds.minutesLeft', { minutes })}</td>
      ${
        canDecide
          ? html`<td>
              <a class="button sign-approve" href="/holds/${hold.id}/decide?decision=approve"
                >${locale.t('holds.approve')}</a
              >
              ${rejectForm(context, hold.id)}
              <code class="approve">pcms hold approve ${hold.id} --operator &lt;certificate.crt&gt;</code>
            </td>`
          : ''
      }
    </tr>`;
  });
  return layout(
    context,
    locale.t('holds.title'),
    html`${decided ? html`<p class="notice" role="status" data-decided="${decided}">${locale.t(`holds.decided.${decided}`)}</p>` : ''}
      <p>${locale.t('holds.total', { total: holds.length })}</p>
      ${canDecide && holds.length > 0 ? html`<p>${locale.t('holds.sign')}</p>` : ''}
      ${
        holds.length === 0
          ? html`<p class="none">${locale.t('holds.none')}</p>`
          : html`<table class="holds">
              <thead>
                <tr>
                  <th>${locale.t('col.hold')}</th>
                  <th>${locale.t('col.messageId')}</th>
                  <th>${locale.t('col.rule')}</th>
                  <th>${locale.t('holds.approvals')}</th>
                  <th>${locale.t('holds.expires')}</th>
                  ${canDecide ? html`<th>${locale.t('col.action')}</th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }`,
  );
}
