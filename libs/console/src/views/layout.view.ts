import { may } from '../access';
import { html, type Html } from '../html';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/catalogue';
import type { ViewContext } from './view-context';

/**
 * The frame of every page: `lang` and `dir` on <html> (Arabic right to left: the navigation,
 * first in the flow, then stands on the right), the navigation the reader's rights allow, the
 * language switch. Styles and script come from the console itself (CSP default-src 'self').
 */
export function layout(
  context: ViewContext,
  title: string,
  body: Html,
  options: { chart?: boolean } = {},
): string {
  const { locale, reader } = context;
  const link = (href: string, label: string, current: boolean): Html =>
    html`<li><a href="${href}" ${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  const nav = reader
    ? html`<nav class="side" aria-label="${locale.t('nav.label')}">
        <p class="brand">${locale.t('app.title')}</p>
        <ul>
          ${may(reader, 'dashboard') ? link('/', locale.t('nav.dashboard'), context.path === '/') : ''}
          ${link('/messages', locale.t('nav.messages'), context.path.startsWith('/messages'))}
          ${
            may(reader, 'dead-letters')
              ? link('/dead-letters', locale.t('nav.deadLetters'), context.path.startsWith('/dead-letters'))
              : ''
          }
          ${may(reader, 'holds') ? link('/holds', locale.t('nav.holds'), context.path.startsWith('/holds')) : ''}
        </ul>
        <p class="who">
          ${locale.t('reader.signedIn', { id: reader.id, role: locale.t(`role.${reader.role}`) })}
        </p>
      </nav>`
    : '';
  const languages = LANGUAGES.map(
    (language) =>
      html`<a
        href="${context.path}?lang=${language}"
        lang="${language}"
        ${language === locale.language ? html` aria-current="true"` : ''}
        >${LANGUAGE_NAMES[language]}</a
      >`,
  );
  return `<!doctype html>\n${
    html`<html
      lang="${locale.language}"
      dir="${locale.dir}"
      data-local-label="${locale.t('time.local')}"
      data-intl="${locale.intl}"
    >
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${locale.t('app.title')}</title>
        <link rel="stylesheet" href="/assets/console.css" />
        ${
          options.chart
            ? html`<link rel="stylesheet" href="/assets/uplot.css" />
                <script src="/assets/uplot.js" defer></script>`
            : ''
        }
        <script src="/assets/console.js" defer></script>
      </head>
      <body>
        ${nav}
        <main>
          <header class="top">
            <h1>${title}</h1>
            <p class="languages" aria-label="${locale.t('nav.language')}">${languages}</p>
          </header>
          ${body}
        </main>
      </body>
    </html>`.markup
  }\n`;
}

/** A time as `<date> <hh:mm:ss> UTC`, the reader's local time added beside by the page's script. */
export function timeOf(context: ViewContext, iso: string | undefined): Html {
  if (!iso) return html`-`;
  return html`<time datetime="${iso}" data-utc>${context.locale.utc(iso)}</time>`;
}
