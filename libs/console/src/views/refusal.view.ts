import { html } from '../html';
import type { MessageKey } from '../i18n/catalogue';
import { layout } from './layout.view';
import type { ViewContext } from './view-context';

/** 403, 404 or an error: a title and one sentence, no data. */
export function refusalPage(
  context: ViewContext,
  title: MessageKey,
  body: MessageKey,
  params: Readonly<Record<string, string>> = {},
): string {
  return layout(
    context,
    context.locale.t(title),
    html`<p class="refusal">${context.locale.t(body, params)}</p>`,
  );
}
