import type { JournalTraceEntry } from '@pcms/journal';
import { may } from '../access';
import { html } from '../html';
import { layout, timeOf } from './layout.view';
import { stageLabel } from './messages.view';
import type { ViewContext } from './view-context';

/** The stages that say what became of one destination. */
const DELIVERY_STAGES: ReadonlySet<string> = new Set([
  'delivered',
  'failed',
  'dead-lettered',
  'replayed',
  'acknowledged',
]);

/**
 * One message as `pcms trace` shows it, in sections: the timeline of every stage in every
 * process, the routing verdicts with their rule, the mapping version, each destination with its
 * attempts; for an operator, the link to the payload (a journaled view).
 */
export function messagePage(
  context: ViewContext,
  messageId: string,
  entries: readonly JournalTraceEntry[],
  notice?: string,
): string {
  const { locale, reader } = context;
  const title = locale.t('message.title', { id: messageId });
  if (entries.length === 0) {
    return layout(context, title, html`<p class="none">${locale.t('message.notFound')}</p>`);
  }
  const timeline = entries.map(
    (entry) =>
      html`<tr data-stage="${entry.stage}">
        <td>${timeOf(context, entry.at)}</td>
        <td>${entry.app}</td>
        <td>${stageLabel(context, entry.stage)}</td>
        <td class="details">${detailsOf(entry.details)}</td>
      </tr>`,
  );
  const verdicts = entries
    .filter((entry) => entry.stage === 'policy')
    .flatMap((entry) => (Array.isArray(entry.details.verdicts) ? (entry.details.verdicts as unknown[]) : []))
    .map((verdict) => {
      const { rule, detail } = (verdict ?? {}) as { rule?: unknown; detail?: unknown };
      return html`<tr>
        <td><code>${textOf(rule)}</code></td>
        <td>${textOf(detail, '')}</td>
      </tr>`;
    });
  const mappings = entries
    .filter((entry) => entry.stage === 'mapped')
    .map((entry) => {
      const { id, version } = (entry.details.mapping ?? {}) as { id?: unknown; version?: unknown };
      return html`<li>${locale.t('message.mapping', { id: textOf(id), version: textOf(version) })}</li>`;
    });
  const routed = entries
    .filter((entry) => entry.stage === 'routed')
    .flatMap((entry): unknown[] =>
      Array.isArray(entry.details.destinations) ? entry.details.destinations : [],
    )
    .map((destination) => textOf(destination));
  const deliveries = entries
    .filter((entry) => DELIVERY_STAGES.has(entry.stage))
    .map(
      (entry) =>
        html`<tr data-stage="${entry.stage}">
          <td>${textOf(entry.details.destination ?? entry.details.to)}</td>
          <td class="num">${textOf(entry.details.attempts)}</td>
          <td>${stageLabel(context, entry.stage)}</td>
          <td>${timeOf(context, entry.at)}</td>
        </tr>`,
    );
  const kept = entries.some((entry) => entry.payloadStatus === 'kept');
  const payload =
    reader && may(reader, 'payload')
      ? html`<section>
          <h2>${locale.t('message.payload')}</h2>
          ${
            kept
              ? html`<p>
                  <a href="/messages/${messageId}/payload" class="button"
                    >${locale.t('message.payloadShow')}</a
                  >
                </p>`
              : html`<p class="none">${locale.t('message.payloadNone')}</p>`
          }
        </section>`
      : '';
  return layout(
    context,
    title,
    html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
      <section>
        <h2>${locale.t('message.timeline')}</h2>
        <table class="timeline">
          <thead>
            <tr>
              <th>${locale.t('col.at')}</th>
              <th>${locale.t('col.app')}</th>
              <th>${locale.t('col.stage')}</th>
              <th>${locale.t('col.details')}</th>
            </tr>
          </thead>
          <tbody>
            ${timeline}
          </tbody>
        </table>
      </section>
      <section>
        <h2>${locale.t('message.verdicts')}</h2>
        ${
          verdicts.length > 0
            ? html`<table>
                <thead>
                  <tr>
                    <th>${locale.t('col.rule')}</th>
                    <th>${locale.t('col.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${verdicts}
                </tbody>
              </table>`
            : html`<p class="none">${locale.t('dashboard.none')}</p>`
        }
        ${
          mappings.length > 0
            ? html`<ul>
                ${mappings}
              </ul>`
            : ''
        }
      </section>
      <section>
        <h2>${locale.t('message.destinations')}</h2>
        ${routed.length > 0 ? html`<p>${routed.map((d) => html`<span class="tag">${d}</span> `)}</p>` : ''}
        ${
          deliveries.length > 0
            ? html`<table>
                <thead>
                  <tr>
                    <th>${locale.t('col.destination')}</th>
                    <th>${locale.t('col.attempts')}</th>
                    <th>${locale.t('col.outcome')}</th>
                    <th>${locale.t('col.at')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${deliveries}
                </tbody>
              </table>`
            : ''
        }
      </section>
      ${payload}`,
  );
}

/** The payload an operator opened: the kept bytes as text, escaped. */
export function payloadPage(
  context: ViewContext,
  messageId: string,
  payloads: readonly { contentType: string; text: string }[],
): string {
  const { locale } = context;
  const body =
    payloads.length === 0
      ? html`<p class="none">${locale.t('message.payloadNone')}</p>`
      : payloads.map(
          (p) =>
            html`<p><code>${p.contentType}</code></p>
              <pre class="payload">${p.text}</pre>`,
        );
  return layout(
    context,
    `${locale.t('message.payload')} · ${messageId}`,
    html`<p class="notice" role="status">${locale.t('message.payloadJournaled')}</p>
      <p><a href="/messages/${messageId}">${locale.t('message.title', { id: messageId })}</a></p>
      ${body}`,
  );
}

/** A detail as text: strings as they are, anything else as JSON; absent as `absent`. */
function textOf(value: unknown, absent = '-'): string {
  if (value === undefined || value === null) return absent;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** key=value per detail, as `pcms trace` prints them; details never hold a payload or a name. */
function detailsOf(details: Record<string, unknown>) {
  return Object.entries(details).map(
    ([key, value]) =>
      html`<span class="kv"><span class="k">${key}</span>=<span class="v">${textOf(value)}</span></span> `,
  );
}
