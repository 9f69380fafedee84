import type { Hold } from '@pcms/holds';
import { may } from '../access';
import { html } from '../html';
import { layout, timeOf } from './layout.view';
import type { ViewContext } from './view-context';

/**
 * The holds waiting for operators, as `pcms hold list` shows them: why (rule, reason), approvals so
 * far, time left. A decision is signed with the operator's own key, which the console never holds:
 * the page shows the command that signs it (libs/console/README.md, "Holds").
 */
export function holdsPage(context: ViewContext, holds: readonly Hold[], now = new Date()): string {
  const { locale, reader } = context;
  const canDecide = reader !== undefined && may(reader, 'replay');
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
              <code class="approve">pcms hold approve ${hold.id} --operator &lt;certificate.crt&gt;</code>
            </td>`
          : ''
      }
    </tr>`;
  });
  return layout(
    context,
    locale.t('holds.title'),
    html`<p>${locale.t('holds.total', { total: holds.length })}</p>
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
