// The console's HTTP handler: who is speaking (client certificate), in which language, then the
// page. Every answer carries a strict Content Security Policy; logs name the path and the role,
// never a person's name, a payload or a query (a search may hold a name).
import type { Logger } from '@pcms/logging';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { may, type ConsoleRight } from './access';
import { consoleAssets, type Asset } from './assets/console-assets';
import type { ConsoleSources } from './console.sources';
import { CsrfTokens } from './csrf';
import { DashboardFeed } from './dashboard.snapshot';
import { codeOf, DASHBOARD_TICK_MS, DashboardEvents } from './dashboard.events';
import { chooseLanguage, Locale } from './i18n/catalogue';
import { parseSearch } from './message-search';
import { mayReadMessage } from './message-scope';
import type { AuthenticatedReader, ReaderCertificates } from './reader-certificate';
import { SerialDesk } from './serial-desk';
import { DeadLetterRoutes } from './dead-letters.routes';
import { HoldDecisionRoutes } from './hold-decisions.routes';
import {
  checkedForm,
  cookieOf,
  MESSAGE_ID,
  redirect,
  refuse,
  send,
  type ConsoleRequest,
} from './console-request';
import { dashboardPage } from './views/dashboard.view';
import { holdsPage } from './views/holds.view';
import { messagePage, payloadPage } from './views/message.view';
import { messagesPage, stringsOf } from './views/messages.view';
import { refusalPage } from './views/refusal.view';
import type { ViewContext } from './views/view-context';

export interface ConsoleHandlerOptions {
  readonly sources: ConsoleSources;
  readonly certificates: ReaderCertificates;
  readonly logger: Logger;
  /** How often the live dashboard is recomputed while a page listens. */
  readonly tickMs?: number;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Strict-Transport-Security': 'max-age=31536000',
};
const REPLAY_TARGET = /^[A-Za-z0-9:/._-]{1,200}$/;
const MAX_SEARCH_NAME = 60;
const MAX_SAVED_SEARCHES = 20;

export class ConsoleHandler {
  private readonly csrf = new CsrfTokens();
  private readonly assets: Readonly<Record<string, Asset>> = consoleAssets();
  private readonly events: DashboardEvents;
  private readonly feed: DashboardFeed;
  private readonly desk: SerialDesk;
  private readonly deadLetters: DeadLetterRoutes;
  private readonly holdDecisions: HoldDecisionRoutes;

  constructor(private readonly options: ConsoleHandlerOptions) {
    this.desk = new SerialDesk(options.sources.desk);
    this.feed = new DashboardFeed(options.sources, this.desk);
    this.deadLetters = new DeadLetterRoutes(this.desk, options.sources, this.csrf, options.logger);
    this.holdDecisions = new HoldDecisionRoutes(options.sources, this.csrf, options.logger);
    this.events = new DashboardEvents(this.feed, options.logger, options.tickMs ?? DASHBOARD_TICK_MS);
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'https://console.invalid');
    this.route(req, res, url).catch((error: unknown) => {
      const code = codeOf(error);
      this.options.logger.error(
        { code, path: url.pathname },
        'console request failed / requête de la console en échec',
      );
      if (res.headersSent) return void res.end();
      const locale = new Locale(
        chooseLanguage(url.searchParams.get('lang'), undefined, req.headers['accept-language']),
      );
      send(res, 500, refusalPage({ locale, path: url.pathname }, 'error.title', 'error.body', { code }));
    });
  };

  close(): void {
    this.events.close();
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const asset = req.method === 'GET' ? this.assets[url.pathname] : undefined;
    if (asset) {
      res.writeHead(200, { 'Content-Type': asset.type });
      return void res.end(asset.body);
    }
    const language = chooseLanguage(
      url.searchParams.get('lang'),
      cookieOf(req, 'lang'),
      req.headers['accept-language'],
    );
    if (url.searchParams.get('lang') === language) {
      res.setHeader(
        'Set-Cookie',
        `lang=${language}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=31536000`,
      );
    }
    const locale = new Locale(language);
    const authenticated = this.options.certificates.readerOf(req);
    if (typeof authenticated === 'string') {
      this.options.logger.warn(
        { code: authenticated, path: url.pathname },
        'console refused a client / client refusé par la console',
      );
      return send(res, 403, refusalPage({ locale, path: url.pathname }, 'forbidden.title', 'forbidden.body'));
    }
    const context: ViewContext = {
      locale,
      reader: authenticated.reader,
      path: url.pathname,
      csrf: this.csrf.tokenFor(authenticated),
    };
    const request: ConsoleRequest = { req, res, url, authenticated, context };
    this.options.logger.debug(
      { method: req.method, path: url.pathname, role: authenticated.reader.role },
      'console request',
    );
    const path = url.pathname;
    if (req.method === 'POST' && path === '/messages/saved') return this.saveSearch(request);
    if (req.method === 'POST' && path === '/dead-letters/bulk') return this.deadLetters.bulk(request);
    if (req.method === 'POST' && path === '/dead-letters/replay')
      return this.deadLetters.act(request, 'replay');
    if (req.method === 'POST' && path === '/dead-letters/discard')
      return this.deadLetters.act(request, 'discard');
    const decide = /^\/holds\/([^/]+)\/decide$/.exec(path)?.[1];
    if (decide !== undefined) {
      if (req.method === 'POST') return this.holdDecisions.decide(request, decide);
      if (req.method === 'GET') return this.holdDecisions.statement(request, decide);
    }
    if (req.method !== 'GET') return refuse(request, 404);
    if (path === '/') {
      if (authenticated.reader.platform) return void redirect(res, '/messages');
      return this.allowed(request, 'dashboard', async () =>
        dashboardPage(context, await this.feed.snapshot()),
      );
    }
    if (path === '/events') {
      if (!may(authenticated.reader, 'dashboard')) return refuse(request, 403);
      return this.events.listen(res, context);
    }
    if (path === '/messages') return this.allowed(request, 'messages', () => this.messages(request));
    if (path === '/dead-letters')
      return this.allowed(request, 'dead-letters', () => this.deadLetters.list(request));
    if (path === '/dead-letters/bulk')
      return this.allowed(request, 'replay', () => this.deadLetters.confirmBulk(request));
    if (path === '/holds') {
      return this.allowed(request, 'holds', async () =>
        holdsPage(context, await this.options.sources.waitingHolds(100), decidedOf(url.searchParams)),
      );
    }
    const message = /^\/messages\/([^/]+)(\/payload)?$/.exec(path);
    if (message?.[1] && MESSAGE_ID.test(message[1])) {
      const messageId = message[1];
      if (message[2]) return this.allowed(request, 'payload', () => this.payload(request, messageId));
      return this.allowed(request, 'messages', () => this.message(request, messageId));
    }
    return refuse(request, 404);
  }

  private async allowed(
    request: ConsoleRequest,
    right: ConsoleRight,
    page: () => Promise<string | undefined>,
  ): Promise<void> {
    if (!may(request.authenticated.reader, right)) return refuse(request, 403);
    const body = await page();
    if (body === undefined) return refuse(request, 404);
    send(request.res, 200, body);
  }

  private async messages({ url, context, authenticated }: ConsoleRequest): Promise<string> {
    const search = parseSearch(url.searchParams, authenticated.reader);
    const saved = await this.options.sources.savedSearches(readerKeyOf(authenticated));
    if (!search.ok) return messagesPage(context, search.form, undefined, search.field, saved);
    const { journal, businessKeys } = this.options.sources;
    // By business key: the index's messages (keyed hashes, no name stored), narrowed by the journal.
    const filter =
      search.form.key === ''
        ? search.filter
        : { ...search.filter, messageIds: await businessKeys.find(search.form.key) };
    const hits = await journal.search(filter);
    return messagesPage(context, search.form, hits, undefined, saved);
  }

  /** Saves the search the form carries under a name, for this reader only; then runs it. */
  private async saveSearch(request: ConsoleRequest): Promise<void> {
    const { res, context, authenticated } = request;
    if (!may(authenticated.reader, 'messages')) return refuse(request, 403);
    const form = await checkedForm(request, this.csrf);
    if (!form) return;
    const name = (form.get('name') ?? '').trim();
    const search = parseSearch(form, authenticated.reader);
    if (!search.ok || name === '' || name.length > MAX_SEARCH_NAME) {
      return send(res, 422, messagesPage(context, search.form, undefined, search.ok ? 'name' : search.field));
    }
    // A business key is not saved: Redis would keep a person's name in clear (SECURITY.md).
    const { key: _notSaved, ...fields } = stringsOf(search.form);
    const query = new URLSearchParams(fields).toString();
    const key = readerKeyOf(authenticated);
    const saved = await this.options.sources.savedSearches(key);
    if (!(name in saved) && Object.keys(saved).length >= MAX_SAVED_SEARCHES) {
      return send(res, 422, messagesPage(context, search.form, undefined, 'name', saved));
    }
    await this.options.sources.saveSearch(key, name, query);
    redirect(res, `/messages?${query}`);
  }

  /** A platform's reader asking for another platform's message is told it does not exist. */
  private async message(
    { url, context, authenticated }: ConsoleRequest,
    messageId: string,
  ): Promise<string | undefined> {
    const entries = await this.options.sources.journal.trace(messageId);
    if (!mayReadMessage(authenticated.reader, entries)) return undefined;
    const to = url.searchParams.get('replayed');
    const notice =
      to && REPLAY_TARGET.test(to)
        ? context.locale.t('replay.done', { to })
        : url.searchParams.get('discarded') === '1'
          ? context.locale.t('discard.done')
          : undefined;
    return messagePage(context, messageId, entries, notice);
  }

  /**
   * The payload open of `pcms payload`: the kept bytes of each entry that kept some. Each view is
   * journaled first (`payload-viewed`, the reader's certificate id), never logged.
   */
  private async payload(
    { context, authenticated }: ConsoleRequest,
    messageId: string,
  ): Promise<string | undefined> {
    const { journal, journalEvents } = this.options.sources;
    const entries = await journal.trace(messageId);
    if (entries.length === 0) return undefined;
    await journalEvents.emit({
      messageId,
      correlationId: entries.find((entry) => entry.correlationId)?.correlationId,
      stage: 'payload-viewed',
      // Every view counts: a fresh discriminator, so that the writer keeps each one.
      discriminator: `view:${randomUUID()}`,
      details: { operator: authenticated.reader.id, role: authenticated.reader.role },
    });
    const payloads: { contentType: string; text: string }[] = [];
    for (const entry of entries) {
      if (entry.payloadStatus !== 'kept') continue;
      const bytes = await journal.payloadOf(entry.eventId);
      if (bytes)
        payloads.push({ contentType: entry.payloadContentType ?? '?', text: bytes.toString('utf8') });
    }
    return payloadPage(context, messageId, payloads);
  }
}

/** Whose saved searches: the certificate's role and id, hashed (no name in a Redis key). */
function readerKeyOf({ reader }: AuthenticatedReader): string {
  return createHash('sha256').update(`${reader.role}\n${reader.id}`).digest('hex');
}

/** The notice after a decision (`/holds?decided=`): only the three outcomes HoldDesk reports. */
function decidedOf(query: URLSearchParams): 'recorded' | 'released' | 'rejected' | undefined {
  const decided = query.get('decided');
  return decided === 'recorded' || decided === 'released' || decided === 'rejected' ? decided : undefined;
}
