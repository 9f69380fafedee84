import type { DashboardSnapshot } from '../dashboard.snapshot';
import { html, type Html } from '../html';
import { alertsSection } from './alerts.view';
import { layout, timeOf } from './layout.view';
import { mappingsSection } from './dashboard-mappings.view';
import type { ViewContext } from './view-context';

/** The dashboard page; its figures are replaced live by the server-sent events of /events. */
export function dashboardPage(context: ViewContext, snapshot: DashboardSnapshot): string {
  const { locale } = context;
  return layout(
    context,
    locale.t('dashboard.title'),
    html`<section class="chart">
        <h2>${locale.t('dashboard.perMinute')}</h2>
        <div
          id="chart"
          data-chart="${JSON.stringify(chartData(context, snapshot))}"
          data-none="${locale.t('dashboard.none')}"
        ></div>
      </section>
      <div id="live" data-events="/events" aria-live="polite">${dashboardFigures(context, snapshot)}</div>`,
    { chart: true },
  );
}

/** The chart's series with their labels in the reader's language (uPlot's data: x, then one per route). */
export function chartData(context: ViewContext, snapshot: DashboardSnapshot): ChartData {
  const { locale } = context;
  return {
    timeLabel: locale.t('col.at'),
    minutes: snapshot.rates.minutes,
    routes: snapshot.rates.routes.map((route) => ({
      label:
        route.direction === 'outbound'
          ? locale.t('dashboard.routeOutbound', { platform: route.key })
          : locale.t('dashboard.routeInbound', { type: route.key }),
      counts: route.counts,
    })),
  };
}

export interface ChartData {
  readonly timeLabel: string;
  readonly minutes: readonly number[];
  readonly routes: readonly { readonly label: string; readonly counts: readonly number[] }[];
}

/** The part of the dashboard each event replaces, rendered in the reader's language. */
export function dashboardFigures(context: ViewContext, snapshot: DashboardSnapshot): Html {
  const { locale } = context;
  const none = html`<p class="none">${locale.t('dashboard.none')}</p>`;
  const queues = snapshot.queues.map(
    (q) =>
      html`<tr data-queue="${q.queue}">
        <td>${q.queue}</td>
        <td class="num">${locale.number(q.messageCount)}</td>
        <td class="num">${locale.number(q.consumerCount)}</td>
      </tr>`,
  );
  const codes = snapshot.deadLettersByCode.map(
    ([code, count]) =>
      html`<tr data-code="${code}">
        <td><code>${code}</code></td>
        <td class="num">${locale.number(count)}</td>
      </tr>`,
  );
  const holds = snapshot.holds;
  return html`<p class="updated">${locale.t('dashboard.live')} ${timeOf(context, snapshot.at)}</p>
    ${alertsSection(context, snapshot.alerts)}
    <section class="cards">
      <section class="card">
        <h2>${locale.t('dashboard.deliveries')}</h2>
        <dl class="figures">
          <div>
            <dt>${locale.t('dashboard.delivered')}</dt>
            <dd data-figure="delivered">${locale.number(snapshot.lastHour.delivered)}</dd>
          </div>
          <div>
            <dt>${locale.t('dashboard.retrying')}</dt>
            <dd data-figure="retrying">${locale.number(snapshot.lastHour.retrying)}</dd>
          </div>
          <div>
            <dt>${locale.t('dashboard.deadLettered')}</dt>
            <dd data-figure="dead-lettered">${locale.number(snapshot.lastHour.deadLettered)}</dd>
          </div>
        </dl>
      </section>
      <section class="card">
        <h2>${locale.t('dashboard.peer')}</h2>
        <p
          class="${snapshot.peerReachable ? 'up' : 'refusal'}"
          data-peer="${snapshot.peerReachable ? 'reachable' : 'unreachable'}"
        >
          ${locale.t(snapshot.peerReachable ? 'dashboard.peerUp' : 'dashboard.peerDown')}
        </p>
      </section>
      <section class="card">
        <h2>${locale.t('dashboard.holds')}</h2>
        ${
          holds
            ? html`<dl class="figures">
                <div>
                  <dt>${locale.t('dashboard.holdsWaiting')}</dt>
                  <dd data-figure="holds-waiting">${locale.number(holds.waiting)}</dd>
                </div>
                <div>
                  <dt>${locale.t('dashboard.holdsExpired')}</dt>
                  <dd>${locale.number(holds.expired)}</dd>
                </div>
                <div>
                  <dt>${locale.t('dashboard.holdsUnverified')}</dt>
                  <dd>${locale.number(holds.unverified)}</dd>
                </div>
              </dl>`
            : html`<p class="none">${locale.t('dashboard.holdsUnknown')}</p>`
        }
      </section>
    </section>
    <section>
      <h2>${locale.t('dashboard.rejections')} (${locale.number(snapshot.deadLettersTotal)})</h2>
      ${
        codes.length > 0
          ? html`<table>
              <thead>
                <tr>
                  <th>${locale.t('dashboard.code')}</th>
                  <th>${locale.t('dashboard.count')}</th>
                </tr>
              </thead>
              <tbody>
                ${codes}
              </tbody>
            </table>`
          : none
      }
    </section>
    ${pkiSection(context, snapshot)}
    ${mappingsSection(context, snapshot.mappings)}
    <section>
      <h2>${locale.t('dashboard.queues')}</h2>
      <table>
        <thead>
          <tr>
            <th>${locale.t('dashboard.queue')}</th>
            <th>${locale.t('dashboard.depth')}</th>
            <th>${locale.t('dashboard.consumers')}</th>
          </tr>
        </thead>
        <tbody>
          ${queues}
        </tbody>
      </table>
    </section>`;
}

/** Certificates soonest to expire first, and the revocation list's age (`pcms status`). */
function pkiSection(context: ViewContext, snapshot: DashboardSnapshot): Html {
  const { locale } = context;
  const pki = snapshot.pki;
  if (!pki)
    return html`<section>
      <h2>${locale.t('dashboard.certificates')}</h2>
      <p class="none">${locale.t('dashboard.noPki')}</p>
    </section>`;
  const soonest = [...pki.certificates].sort((a, b) => a.daysToExpiry - b.daysToExpiry).slice(0, 8);
  const list = pki.revocationList;
  const ageHours =
    list.state === 'loaded'
      ? Math.max(0, Math.floor((Date.parse(snapshot.at) - Date.parse(list.thisUpdate)) / 3_600_000))
      : undefined;
  const crl =
    list.state === 'loaded'
      ? html`${locale.t('dashboard.crlLoaded', { revoked: list.revokedCount })}
          ${timeOf(context, list.thisUpdate)}
          <span data-crl-age-hours="${ageHours}"
            >(${locale.t('dashboard.crlAge', { hours: locale.number(ageHours ?? 0) })})</span
          >${list.stale ? html` <strong class="refusal">${locale.t('dashboard.crlStale')}</strong>` : ''}`
      : list.state === 'refused'
        ? html`<span class="refusal">${locale.t('dashboard.crlRefused', { code: list.code })}</span>`
        : html`${locale.t('dashboard.crlAbsent')}`;
  return html`<section>
    <h2>${locale.t('dashboard.certificates')}</h2>
    <p data-crl="${list.state}">${crl}</p>
    <p class="expiry">
      ${expiryBuckets(pki.certificates).map(
        ([bucket, count]) =>
          html`<span class="tag" data-expiry-bucket="${bucket}" data-count="${count}"
            >${locale.t(`dashboard.expiry.${bucket}`)} ${locale.number(count)}</span
          > `,
      )}
    </p>
    <table>
      <thead>
        <tr>
          <th>${locale.t('dashboard.certificate')}</th>
          <th>${locale.t('dashboard.daysToExpiry')}</th>
        </tr>
      </thead>
      <tbody>
        ${soonest.map(
          (c) =>
            html`<tr data-certificate="${c.id}" ${c.expiring || c.revoked ? html` class="warn"` : ''}>
              <td>${c.id}</td>
              <td class="num">
                ${locale.number(c.daysToExpiry)}${c.revoked ? html` (${locale.t('dashboard.revoked')})` : ''}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

/** How many certificates expire when: already, within a week, within a month, later. */
function expiryBuckets(
  certificates: readonly { daysToExpiry: number }[],
): ['expired' | 'week' | 'month' | 'later', number][] {
  const count = (keep: (days: number) => boolean) =>
    certificates.filter((certificate) => keep(certificate.daysToExpiry)).length;
  return [
    ['expired', count((days) => days < 0)],
    ['week', count((days) => days >= 0 && days <= 7)],
    ['month', count((days) => days > 7 && days <= 30)],
    ['later', count((days) => days > 30)],
  ];
}
