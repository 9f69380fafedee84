import type { DeadLetterSummary } from '@pcms/dead-letters';
import { html } from '../html';
import { layout } from './layout.view';
import type { ViewContext } from './view-context';

/**
 * The confirmation of a bulk replay: it states how many, of which code, and at what pace, before
 * anything is sent (the count is sent back and checked: a set that changed meanwhile is refused).
 */
export function bulkReplayPage(
  context: ViewContext,
  code: string,
  letters: readonly DeadLetterSummary[],
  pauseMs: number,
  notice?: string,
): string {
  const { locale } = context;
  return layout(
    context,
    locale.t('bulk.title'),
    html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
      <p class="confirm">${locale.t('bulk.confirm', { count: letters.length, code, ms: pauseMs })}</p>
      <ul>
        ${letters.map((letter) => html`<li><code>${letter.messageId ?? '-'}</code> ${letter.reason ?? ''}</li>`)}
      </ul>
      ${
        letters.length > 0
          ? html`<form method="post" action="/dead-letters/bulk" class="bulk">
              <input type="hidden" name="csrf" value="${context.csrf ?? ''}" />
              <input type="hidden" name="code" value="${code}" />
              <input type="hidden" name="count" value="${letters.length}" />
              <button type="submit">${locale.t('bulk.submit', { count: letters.length })}</button>
            </form>`
          : ''
      }
      <p><a href="/dead-letters?code=${code}">${locale.t('nav.deadLetters')}</a></p>`,
  );
}
