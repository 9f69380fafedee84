import type { DeadLetterList } from '@pcms/dead-letters';
import { may } from '../access';
import { html } from '../html';
import { layout, timeOf } from './layout.view';
import type { ViewContext } from './view-context';

/**
 * The dead letters as `pcms dlq list` shows them: code, reason, stage, origin; a replay button
 * for operators only (a viewer's forged POST is refused by the server all the same).
 */
export function deadLettersPage(
  context: ViewContext,
  list: DeadLetterList,
  notice?: string,
  code?: string,
): string {
  const { locale, reader } = context;
  const canReplay = reader !== undefined && may(reader, 'replay');
  const codes = [...new Set(list.letters.map((letter) => letter.code ?? '-'))].sort();
  const letters = code ? list.letters.filter((letter) => letter.code === code) : list.letters;
  const filter = html`<form method="get" action="/dead-letters" class="search">
    <label
      >${locale.t('col.code')}
      <select name="code">
        <option value="">${locale.t('search.any')}</option>
        ${codes.map((c) => html`<option value="${c}" ${c === code ? html` selected` : ''}>${c}</option>`)}
      </select>
    </label>
    <button type="submit">${locale.t('search.submit')}</button>
    ${
      canReplay && code && letters.length > 0
        ? html`<a class="button bulk" href="/dead-letters/bulk?code=${code}"
            >${locale.t('bulk.button', { count: letters.length })}</a
          >`
        : ''
    }
  </form>`;
  const rows = letters.map(
    (letter) =>
      html`<tr data-message="${letter.messageId ?? ''}">
        <td>${timeOf(context, letter.failedAt)}</td>
        <td>
          ${letter.messageId ? html`<a href="/messages/${letter.messageId}"><code>${letter.messageId}</code></a>` : '-'}
        </td>
        <td><code>${letter.stage ?? '-'}/${letter.code ?? '-'}</code></td>
        <td>${letter.reason ?? ''}</td>
        <td><code>${letter.originalQueue ?? '?'}</code></td>
        ${
          canReplay
            ? html`<td>
                <form method="post" action="/dead-letters/replay" class="replay">
                  <input type="hidden" name="csrf" value="${context.csrf ?? ''}" />
                  <input type="hidden" name="messageId" value="${letter.messageId ?? ''}" />
                  <input type="hidden" name="failedAt" value="${letter.failedAt ?? ''}" />
                  <button type="submit">${locale.t('deadLetters.replay')}</button>
                </form>
                <form method="post" action="/dead-letters/discard" class="discard">
                  <input type="hidden" name="csrf" value="${context.csrf ?? ''}" />
                  <input type="hidden" name="messageId" value="${letter.messageId ?? ''}" />
                  <input type="hidden" name="failedAt" value="${letter.failedAt ?? ''}" />
                  <label
                    >${locale.t('deadLetters.reason')}
                    <input name="reason" required maxlength="500" />
                  </label>
                  <button type="submit" class="secondary">${locale.t('deadLetters.discard')}</button>
                </form>
              </td>`
            : ''
        }
      </tr>`,
  );
  return layout(
    context,
    locale.t('deadLetters.title'),
    html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
      <p>${locale.t('deadLetters.total', { total: list.total })}</p>
      ${filter}
      ${
        letters.length === 0
          ? html`<p class="none">${locale.t('deadLetters.none')}</p>`
          : html`<table class="dead-letters">
              <thead>
                <tr>
                  <th>${locale.t('col.failedAt')}</th>
                  <th>${locale.t('col.messageId')}</th>
                  <th>${locale.t('col.code')}</th>
                  <th>${locale.t('col.reason')}</th>
                  <th>${locale.t('col.origin')}</th>
                  ${canReplay ? html`<th>${locale.t('col.action')}</th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }`,
  );
}
