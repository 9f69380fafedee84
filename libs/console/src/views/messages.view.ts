import { JOURNAL_STAGES, type JournalSearchHit } from '@pcms/journal';
import { html } from '../html';
import type { MessageKey } from '../i18n/catalogue';
import { PAGE_SIZE, type SearchForm } from '../message-search';
import { layout, timeOf } from './layout.view';
import type { ViewContext } from './view-context';

export function stageLabel(context: ViewContext, stage: string): string {
  return (JOURNAL_STAGES as readonly string[]).includes(stage)
    ? context.locale.t(`stage.${stage}` as MessageKey)
    : stage;
}

/** The search form and one page of hits (most recently active first), with links to the next page. */
export function messagesPage(
  context: ViewContext,
  form: SearchForm,
  hits: readonly JournalSearchHit[] | undefined,
  invalidField?: string,
  saved: Readonly<Record<string, string>> = {},
): string {
  const { locale, reader } = context;
  const shown = hits?.slice((form.page - 1) * PAGE_SIZE, form.page * PAGE_SIZE) ?? [];
  const more = (hits?.length ?? 0) > form.page * PAGE_SIZE;
  const input = (name: keyof SearchForm, label: MessageKey, type = 'text') =>
    html`<label
      >${locale.t(label)}
      <input
        name="${name}"
        type="${type}"
        value="${String(form[name])}"
        ${name === 'sender' && reader?.platform ? html` readonly` : ''}
    /></label>`;
  const stages = JOURNAL_STAGES.map(
    (stage) =>
      html`<option value="${stage}" ${stage === form.stage ? html` selected` : ''}>
        ${stageLabel(context, stage)}
      </option>`,
  );
  const pageLink = (page: number, label: MessageKey) => {
    const query = new URLSearchParams({ ...stringsOf(form), page: String(page) });
    return html`<a href="/messages?${query.toString()}" rel="${page > form.page ? 'next' : 'prev'}"
      >${locale.t(label)}</a
    >`;
  };
  const rows = shown.map(
    (hit) =>
      html`<tr data-message="${hit.messageId}">
        <td>${timeOf(context, hit.lastAt)}</td>
        <td>
          <a href="/messages/${hit.messageId}"><code>${hit.messageId}</code></a>
        </td>
        <td data-stage="${hit.lastStage}">${stageLabel(context, hit.lastStage)}</td>
        <td>${hit.sender ?? '-'}</td>
        <td>${hit.type ?? '-'}</td>
        <td><code>${hit.correlationId ?? ''}</code></td>
      </tr>`,
  );
  const results = hits
    ? shown.length === 0
      ? html`<p class="none">${locale.t('messages.none')}</p>`
      : html`<p>
            ${locale.t('messages.count', { count: shown.length })} ·
            ${locale.t('page.current', { page: form.page })}
          </p>
          <table class="hits sortable">
            <thead>
              <tr>
                <th>
                  <button type="button" class="sort" title="${locale.t('sort.hint')}">
                    ${locale.t('col.lastAt')}
                  </button>
                </th>
                <th>
                  <button type="button" class="sort" title="${locale.t('sort.hint')}">
                    ${locale.t('col.messageId')}
                  </button>
                </th>
                <th>
                  <button type="button" class="sort" title="${locale.t('sort.hint')}">
                    ${locale.t('col.stage')}
                  </button>
                </th>
                <th>
                  <button type="button" class="sort" title="${locale.t('sort.hint')}">
                    ${locale.t('col.sender')}
                  </button>
                </th>
                <th>
                  <button type="button" class="sort" title="${locale.t('sort.hint')}">
                    ${locale.t('col.type')}
                  </button>
                </th>
                <th>
                  <button type="button" class="sort" title="${locale.t('sort.hint')}">
                    ${locale.t('col.correlation')}
                  </button>
                </th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    : '';
  return layout(
    context,
    locale.t('messages.title'),
    html`<form method="get" action="/messages" class="search">
        <fieldset>
          <legend>${locale.t('search.legend')}</legend>
          ${input('sender', 'search.sender')} ${input('type', 'search.type')}
          <label
            >${locale.t('search.stage')}
            <select name="stage">
              <option value="">${locale.t('search.any')}</option>
              ${stages}
            </select></label
          >
          ${input('since', 'search.since', 'date')} ${input('until', 'search.until', 'date')}
          ${input('correlation', 'search.correlation')} ${input('key', 'search.key', 'search')}
          <button type="submit">${locale.t('search.submit')}</button>
        </fieldset>
      </form>
      ${savedSearches(context, form, saved)}
      ${invalidField ? html`<p class="refusal" role="alert">${locale.t('search.invalid', { field: invalidField })}</p>` : ''}
      ${results}
      <p class="pages">
        ${form.page > 1 ? pageLink(form.page - 1, 'page.previous') : ''}
        ${more ? pageLink(form.page + 1, 'page.next') : ''}
      </p>`,
  );
}

/** The reader's saved searches as links, and a form that saves the current one under a name. */
function savedSearches(context: ViewContext, form: SearchForm, saved: Readonly<Record<string, string>>) {
  const { locale } = context;
  const links = Object.entries(saved)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, query]) => html`<li><a href="/messages?${query}" data-saved="${name}">${name}</a></li>`);
  const hidden = Object.entries(stringsOf(form)).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return html`<section class="saved">
    ${
      links.length > 0
        ? html`<h2>${locale.t('saved.title')}</h2>
            <ul class="saved">
              ${links}
            </ul>`
        : ''
    }
    <form method="post" action="/messages/saved" class="save">
      <input type="hidden" name="csrf" value="${context.csrf ?? ''}" />
      ${hidden}
      <label>${locale.t('saved.name')} <input name="name" required maxlength="60" /></label>
      <button type="submit" class="secondary">${locale.t('saved.save')}</button>
    </form>
  </section>`;
}

/** The search's fields that are set, without the page: a link's or a saved search's query. */
export function stringsOf(form: SearchForm): Record<string, string> {
  const { page: _page, ...fields } = form;
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
}
