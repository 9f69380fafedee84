import type { AlertMachine } from '@pcms/alerts';
import { html, type Html } from '../html';
import type { MessageKey } from '../i18n/catalogue';
import { timeOf } from './layout.view';
import type { ViewContext } from './view-context';

/**
 * The alerts firing, at the top of the dashboard's live figures: a badge with their count, then one
 * row per alert (its rule, subject, value against its threshold, since when), each linked to its
 * occurrence's journal page (fired, then cleared).
 */
export function alertsSection(context: ViewContext, alerts: readonly AlertMachine[]): Html {
  const { locale } = context;
  const badge = html`<a
    href="#alerts"
    class="badge ${alerts.length > 0 ? 'firing' : 'quiet'}"
    data-alerts="${String(alerts.length)}"
    >${locale.t('alerts.badge', { count: alerts.length })}</a
  >`;
  if (alerts.length === 0) {
    return html`<section id="alerts" class="alerts">
      <h2>${locale.t('alerts.title')} ${badge}</h2>
      <p class="none">${locale.t('alerts.none')}</p>
    </section>`;
  }
  const rows = alerts.map(
    (alert) =>
      html`<tr data-alert="${alert.rule}|${alert.subject}" class="warn">
        <td>${locale.t(`alert.${alert.rule}` as MessageKey)}</td>
        <td><code>${alert.subject}</code></td>
        <td class="num">${locale.number(alert.value)}</td>
        <td class="num" dir="ltr">
          ${alert.direction === 'above' ? '>' : '<'} ${locale.number(alert.threshold.fire)}
        </td>
        <td>${timeOf(context, alert.firedAt)}</td>
        <td>${alert.id ? html`<a href="/messages/${alert.id}">${locale.t('alerts.journal')}</a>` : ''}</td>
      </tr>`,
  );
  return html`<section id="alerts" class="alerts">
    <h2>${locale.t('alerts.title')} ${badge}</h2>
    <table>
      <thead>
        <tr>
          <th>${locale.t('alerts.rule')}</th>
          <th>${locale.t('alerts.subject')}</th>
          <th>${locale.t('alerts.value')}</th>
          <th>${locale.t('alerts.threshold')}</th>
          <th>${locale.t('alerts.since')}</th>
          <th>${locale.t('alerts.journal')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}
