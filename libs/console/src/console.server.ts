// The console's HTTP handler: who is speaking (client certificate), in which language, then the
// page. Every answer carries a strict Content Security Policy; logs name the path and the role,
// never a person's name, a payload or a query (a search may hold a name).
import type { Logger } from '@pcms/logging';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { may, type ConsoleRight } from './access';
import { consoleAssets, type Asset } from './assets/console-assets';
import type { ConsoleSources } from './console.sources';
import { CsrfTokens } from './csrf';
import { DashboardFeed } from './dashboard.snapshot';
import { codeOf, DashboardEvents } from './dashboard.events';
import { chooseLanguage, Locale } from './i18n/catalogue';
import { parseSearch } from './message-search';
import { mayReadMessage } from './message-scope';
import type { AuthenticatedReader, ReaderCertificates } from './reader-certificate';
import { SerialDesk } from './serial-desk';
import { DeadLetterActions, type DeadLetterOutcome } from './dead-letter.actions';
import { dashboardPage } from './views/dashboard.view';
import { bulkReplayPage } from './views/bulk-replay.view';
import { deadLettersPage } from './views/dead-letters.view';
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
const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FAILED_AT = /^[0-9TZ:.+-]{1,40}$/;
const REPLAY_TARGET = /^[A-Za-z0-9:/._-]{1,200}$/;
const MAX_FORM_BYTES = 4096;
const MAX_SEARCH_NAME = 60;
const MAX_SAVED_SEARCHES = 20;
/** A bulk replay sends one dead letter every BULK_PAUSE_MS, at most BULK_MAX per confirmation. */
const BULK_PAUSE_MS = 200;
const BULK_MAX = 50;
const CODE = /^[A-Z0-9_]{1,64}$/;
/** A discard's reason, journaled: a sentence, not a document. */
const MAX_REASON_LENGTH = 500;

interface Request {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly authenticated: AuthenticatedReader;
  readonly context: ViewContext;
}

export class ConsoleHandler {
  private readonly csrf = new CsrfTokens();
  private readonly assets: Readonly<Record<string, Asset>> = consoleAssets();
  private readonly events: DashboardEvents;
  private readonly feed: DashboardFeed;
  private readonly desk: SerialDesk;
  private readonly actions: DeadLetterActions;

  constructor(private readonly options: ConsoleHandlerOptions) {
    this.desk = new SerialDesk(options.sources.desk);
    this.feed = new DashboardFeed(options.sources, this.desk);
    this.actions = new DeadLetterActions(this.desk, options.sources, options.logger);
    this.events = new DashboardEvents(this.feed, options.logger, options.tickMs ?? 2000);
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
      this.send(res, 500, refusalPage({ locale, path: url.pathname }, 'error.title', 'error.body', { code }));
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
      return this.send(
        res,
        403,
        refusalPage({ locale, path: url.pathname }, 'forbidden.title', 'forbidden.body'),
      );
    }
    const context: ViewContext = {
      locale,
      reader: authenticated.reader,
      path: url.pathname,
      csrf: this.csrf.tokenFor(authenticated),
    };
    const request: Request = { req, res, url, authenticated, context };
    this.options.logger.debug(
      { method: req.method, path: url.pathname, role: authenticated.reader.role },
      'console request',
    );
    const path = url.pathname;
    if (req.method === 'POST' && path === '/messages/saved') return this.saveSearch(request);
    if (req.method === 'POST' && path === '/dead-letters/bulk') return this.bulkReplay(request);
    if (req.method === 'POST' && path === '/dead-letters/replay')
      return this.deadLetterAction(request, 'replay');
    if (req.method === 'POST' && path === '/dead-letters/discard')
      return this.deadLetterAction(request, 'discard');
    if (req.method !== 'GET') return this.refuse(request, 404);
    if (path === '/') {
      if (authenticated.reader.platform) return void this.redirect(res, '/messages');
      return this.allowed(request, 'dashboard', async () =>
        dashboardPage(context, await this.feed.snapshot()),
      );
    }
    if (path === '/events') {
      if (!may(authenticated.reader, 'dashboard')) return this.refuse(request, 403);
      return this.events.listen(res, context);
    }
    if (path === '/messages') return this.allowed(request, 'messages', () => this.messages(request));
    if (path === '/dead-letters') {
      const code = codeParameter(url.searchParams.get('code'));
      return this.allowed(request, 'dead-letters', async () =>
        deadLettersPage(context, await this.desk.list(100), undefined, code),
      );
    }
    if (path === '/dead-letters/bulk') {
      const code = codeParameter(url.searchParams.get('code'));
      if (!code) return this.refuse(request, 404);
      return this.allowed(request, 'replay', async () =>
        bulkReplayPage(context, code, await this.lettersOf(code), BULK_PAUSE_MS),
      );
    }
    if (path === '/holds') {
      return this.allowed(request, 'holds', async () =>
        holdsPage(context, await this.options.sources.waitingHolds(100)),
      );
    }
    const message = /^\/messages\/([^/]+)(\/payload)?$/.exec(path);
    if (message?.[1] && MESSAGE_ID.test(message[1])) {
      const messageId = message[1];
      if (message[2]) return this.allowed(request, 'payload', () => this.payload(request, messageId));
      return this.allowed(request, 'messages', () => this.message(request, messageId));
    }
    return this.refuse(request, 404);
  }

  private async allowed(
    request: Request,
    right: ConsoleRight,
    page: () => Promise<string | undefined>,
  ): Promise<void> {
    if (!may(request.authenticated.reader, right)) return this.refuse(request, 403);
    const body = await page();
    if (body === undefined) return this.refuse(request, 404);
    this.send(request.res, 200, body);
  }

  private async messages({ url, context, authenticated }: Request): Promise<string> {
    const search = parseSearch(url.searchParams, authenticated.reader);
    const saved = await this.options.sources.savedSearches(readerKeyOf(authenticated));
    if (!search.ok) return messagesPage(context, search.form, undefined, search.field, saved);
    const hits = await this.options.sources.journal.search(search.filter);
    return messagesPage(context, search.form, hits, undefined, saved);
  }

  /** Saves the search the form carries under a name, for this reader only; then runs it. */
  private async saveSearch(request: Request): Promise<void> {
    const { res, context, authenticated } = request;
    if (!may(authenticated.reader, 'messages')) return this.refuse(request, 403);
    const form = await readForm(request.req);
    if (!form || !this.csrf.verify(authenticated, form.get('csrf') ?? undefined)) {
      return this.send(res, 403, refusalPage(context, 'forbidden.title', 'csrf.body'));
    }
    const name = (form.get('name') ?? '').trim();
    const search = parseSearch(form, authenticated.reader);
    if (!search.ok || name === '' || name.length > MAX_SEARCH_NAME) {
      return this.send(
        res,
        422,
        messagesPage(context, search.form, undefined, search.ok ? 'name' : search.field),
      );
    }
    const query = new URLSearchParams(stringsOf(search.form)).toString();
    const key = readerKeyOf(authenticated);
    const saved = await this.options.sources.savedSearches(key);
    if (!(name in saved) && Object.keys(saved).length >= MAX_SAVED_SEARCHES) {
      return this.send(res, 422, messagesPage(context, search.form, undefined, 'name', saved));
    }
    await this.options.sources.saveSearch(key, name, query);
    this.redirect(res, `/messages?${query}`);
  }

  /** A platform's reader asking for another platform's message is told it does not exist. */
  private async message(
    { url, context, authenticated }: Request,
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

  /** The payload open of `pcms payload`: the kept bytes of each entry that kept some. */
  private async payload({ context }: Request, messageId: string): Promise<string> {
    const { journal } = this.options.sources;
    const payloads: { contentType: string; text: string }[] = [];
    for (const entry of await journal.trace(messageId)) {
      if (entry.payloadStatus !== 'kept') continue;
      const bytes = await journal.payloadOf(entry.eventId);
      if (bytes)
        payloads.push({ contentType: entry.payloadContentType ?? '?', text: bytes.toString('utf8') });
    }
    return payloadPage(context, messageId, payloads);
  }

  /** A replay or a discard: an operator's, with the form's CSRF token, at most once (DeadLetterActions). */
  private async deadLetterAction(request: Request, action: 'replay' | 'discard'): Promise<void> {
    const { res, context, authenticated } = request;
    if (!may(authenticated.reader, action)) return this.refuse(request, 403);
    const form = await readForm(request.req);
    if (!form || !this.csrf.verify(authenticated, form.get('csrf') ?? undefined)) {
      return this.send(res, 403, refusalPage(context, 'forbidden.title', 'csrf.body'));
    }
    const messageId = form.get('messageId') ?? '';
    const failedAt = form.get('failedAt') ?? '';
    const reason = (form.get('reason') ?? '').trim();
    if (!MESSAGE_ID.test(messageId) || !FAILED_AT.test(failedAt)) return this.refuse(request, 404);
    const operator = authenticated.reader.id;
    let outcome: DeadLetterOutcome;
    if (action === 'replay') {
      outcome = await this.actions.replay(messageId, failedAt, operator);
    } else {
      if (reason === '' || reason.length > MAX_REASON_LENGTH) {
        const list = await this.desk.list(100);
        return this.send(res, 422, deadLettersPage(context, list, context.locale.t('discard.reasonNeeded')));
      }
      outcome = await this.actions.discard(messageId, failedAt, reason, operator);
    }
    switch (outcome.kind) {
      case 'done':
        return this.redirect(res, outcome.location);
      case 'taken':
        return this.send(
          res,
          409,
          deadLettersPage(context, await this.desk.list(100), context.locale.t('replay.already')),
        );
      case 'refused': {
        const notice = context.locale.t('replay.refused', { code: outcome.code });
        return this.send(res, 409, deadLettersPage(context, await this.desk.list(100), notice));
      }
    }
  }

  /** A confirmed bulk replay: the set must still have the count the operator confirmed. */
  private async bulkReplay(request: Request): Promise<void> {
    const { res, context, authenticated } = request;
    if (!may(authenticated.reader, 'replay')) return this.refuse(request, 403);
    const form = await readForm(request.req);
    if (!form || !this.csrf.verify(authenticated, form.get('csrf') ?? undefined)) {
      return this.send(res, 403, refusalPage(context, 'forbidden.title', 'csrf.body'));
    }
    const code = codeParameter(form.get('code'));
    if (!code) return this.refuse(request, 404);
    const letters = await this.lettersOf(code);
    if (String(letters.length) !== form.get('count')) {
      const notice = context.locale.t('bulk.changed', { count: letters.length });
      return this.send(res, 409, bulkReplayPage(context, code, letters, BULK_PAUSE_MS, notice));
    }
    const outcome = await this.actions.replayAll(
      letters.flatMap((l) =>
        l.messageId && l.failedAt ? [{ messageId: l.messageId, failedAt: l.failedAt }] : [],
      ),
      authenticated.reader.id,
      BULK_PAUSE_MS,
    );
    const notice = context.locale.t('bulk.done', { ...outcome });
    this.send(res, 200, deadLettersPage(context, await this.desk.list(100), notice));
  }

  /** The dead letters of one code, at most BULK_MAX of them. */
  private async lettersOf(code: string) {
    const { letters } = await this.desk.list(100);
    return letters.filter((letter) => letter.code === code).slice(0, BULK_MAX);
  }

  private refuse({ res, context }: Request, status: 403 | 404): void {
    if (status === 403) return this.send(res, 403, refusalPage(context, 'forbidden.title', 'forbidden.body'));
    this.send(res, 404, refusalPage(context, 'notFound.title', 'notFound.body'));
  }

  private send(res: ServerResponse, status: number, page: string): void {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page);
  }

  private redirect(res: ServerResponse, location: string): void {
    res.writeHead(303, { Location: location });
    res.end();
  }
}

function codeParameter(value: string | null): string | undefined {
  return value && CODE.test(value) ? value : undefined;
}

/** Whose saved searches: the certificate's role and id, hashed (no name in a Redis key). */
function readerKeyOf({ reader }: AuthenticatedReader): string {
  return createHash('sha256').update(`${reader.role}\n${reader.id}`).digest('hex');
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** An urlencoded form of at most MAX_FORM_BYTES, or undefined. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return undefined;
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
