import type { MappingStatus } from '@pcms/translation';
import { html, type Html } from '../html';
import { timeOf } from './layout.view';
import type { ViewContext } from './view-context';

/**
 * The mappings each translating process loaded (id and version) and the changes it refused, as
 * `pcms status` reads them from the board in Redis; a refusal stands out, the loaded list folds.
 */
export function mappingsSection(context: ViewContext, statuses: readonly MappingStatus[] | null): Html {
  const { locale } = context;
  const body =
    statuses === null
      ? html`<p class="none">${locale.t('dashboard.mappingsUnknown')}</p>`
      : statuses.length === 0
        ? html`<p class="none">${locale.t('dashboard.mappingsNone')}</p>`
        : statuses.map(
            (status) =>
              html`<div data-mapping-app="${status.app}" data-loaded="${status.loaded.length}">
                ${status.refusals.map(
                  (refusal) =>
                    html`<p class="refusal" data-refusal="${refusal.code}">
                      ${locale.t('dashboard.mappingRefused', {
                        app: status.app,
                        mapping: `${refusal.mappingId ?? refusal.file}@${refusal.version ?? '?'}`,
                        code: refusal.code,
                      })}
                      ${timeOf(context, refusal.at)}
                    </p>`,
                )}
                <details>
                  <summary>
                    ${locale.t('dashboard.mappingsOf', {
                      app: status.app,
                      loaded: locale.number(status.loaded.length),
                      refused: locale.number(status.refusals.length),
                    })}
                    ${timeOf(context, status.at)}
                  </summary>
                  <table>
                    <thead>
                      <tr>
                        <th>${locale.t('dashboard.mapping')}</th>
                        <th>${locale.t('dashboard.version')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${status.loaded.map(
                        (mapping) =>
                          html`<tr data-mapping="${mapping.id}">
                            <td><code>${mapping.id}</code></td>
                            <td class="version">${mapping.version}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </details>
              </div>`,
          );
  return html`<section class="mappings">
    <h2>${locale.t('dashboard.mappings')}</h2>
    ${body}
  </section>`;
}
