// The console's HTTP handler: who is speaking (client certificate), in which language, then the
// page. Every answer carries a strict Content Security Policy; logs name the path and the role,
// never a person's name, a payload or a query (a search may hold a name).
import { DeadLettersError, DeadLettersErrorCode, type ReplayResult } from '@pcms/dead-letters';
import type { Logger } from '@pcms/logging';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { may, type ConsoleRight } from './access';
import { CONSOLE_CSS, CONSOLE_JS } from './assets/console-assets';
import type { ConsoleSources } from './console.sources';
import { CsrfTokens } from './csrf';
import { DashboardFeed } from './dashboard.snapshot';
import { codeOf, DashboardEvents } from './dashboard.events';
import { chooseLanguage, Locale } from './i18n/catalogue';
import { parseSearch } from './message-search';
import { mayReadMessage } from './message-scope';
import type { AuthenticatedReader, ReaderCertificates } from './reader-certificate';
import { SerialDesk } from './serial-desk';
import { dashboardPage } from './views/dashboard.view';
import { deadLettersPage } from './views/dead-letters.view';
import { holdsPage } from './views/holds.view';
import { messagePage, payloadPage } from './views/message.view';
import { messagesPage } from './views/messages.view';
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
const ASSETS: Readonly<Record<string, { type: string; body: string }>> = {
  '/assets/console.css': { type: 'text/css; charset=utf-8', body: CONSOLE_CSS },
  '/assets/console.js': { type: 'text/javascript; charset=utf-8', body: CONSOLE_JS },
};
const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FAILED_AT = /^[0-9TZ:.+-]{1,40}$/;
const REPLAY_TARGET = /^[A-Za-z0-9:/._-]{1,200}$/;
const MAX_FORM_BYTES = 4096;

interface Request {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly authenticated: AuthenticatedReader;
  readonly context: ViewContext;
}

export class ConsoleHandler {
  private readonly csrf = new CsrfTokens();
  private readonly events: DashboardEvents;
  private readonly feed: DashboardFeed;
  private readonly desk: SerialDesk;

  constructor(private readonly options: ConsoleHandlerOptions) {
    this.desk = new SerialDesk(options.sources.desk);
    this.feed = new DashboardFeed(options.sources, this.desk);
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
    const asset = req.method === 'GET' ? ASSETS[url.pathname] : undefined;
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
    if (req.method === 'POST' && path === '/dead-letters/replay') return this.replay(request);
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
      return this.allowed(request, 'dead-letters', async () =>
        deadLettersPage(context, await this.desk.list(100)),
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
    if (!search.ok) return messagesPage(context, search.form, undefined, search.field);
    return messagesPage(context, search.form, await this.options.sources.journal.search(search.filter));
  }

  /** A platform's reader asking for another platform's message is told it does not exist. */
  private async message(
    { url, context, authenticated }: Request,
    messageId: string,
  ): Promise<string | undefined> {
    const entries = await this.options.sources.journal.trace(messageId);
    if (!mayReadMessage(authenticated.reader, entries)) return undefined;
    const to = url.searchParams.get('replayed');
    const notice = to && REPLAY_TARGET.test(to) ? context.locale.t('replay.done', { to }) : undefined;
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

  /**
   * Replays one dead letter at most once: the first click takes a Redis SET NX on the dead
   * letter's id and failure time; a second click, here or in another console, finds it taken.
   */
  private async replay(request: Request): Promise<void> {
    const { res, context, authenticated } = request;
    if (!may(authenticated.reader, 'replay')) return this.refuse(request, 403);
    const form = await readForm(request.req);
    if (!form || !this.csrf.verify(authenticated, form.get('csrf') ?? undefined)) {
      return this.send(res, 403, refusalPage(context, 'forbidden.title', 'csrf.body'));
    }
    const messageId = form.get('messageId') ?? '';
    const failedAt = form.get('failedAt') ?? '';
    if (!MESSAGE_ID.test(messageId) || !FAILED_AT.test(failedAt)) return this.refuse(request, 404);
    const { sources } = this.options;
    const key = `${messageId}|${failedAt}`;
    if (!(await sources.claimReplay(key))) {
      const list = await this.desk.list(100);
      return this.send(res, 409, deadLettersPage(context, list, context.locale.t('replay.already')));
    }
    try {
      const result = await replayOnce(this.desk, messageId, authenticated.reader.id);
      this.options.logger.info(
        { messageId, to: result.to },
        'dead letter replayed from the console / lettre morte rejouée depuis la console',
      );
      this.redirect(res, `/messages/${messageId}?replayed=${encodeURIComponent(result.to)}`);
    } catch (error: unknown) {
      await sources.releaseReplay(key);
      if (!(error instanceof DeadLettersError)) throw error;
      const list = await this.desk.list(100);
      this.send(
        res,
        409,
        deadLettersPage(context, list, context.locale.t('replay.refused', { code: error.code })),
      );
    }
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

/**
 * The desk's replay; a reading of the dead letters elsewhere (`pcms status`, another console) hides them for a
 * moment, so a letter not found is looked for once more before the refusal.
 */
async function replayOnce(desk: SerialDesk, messageId: string, operator: string): Promise<ReplayResult> {
  try {
    return await desk.replay(messageId, operator);
  } catch (error: unknown) {
    if (!(error instanceof DeadLettersError) || error.code !== DeadLettersErrorCode.DEAD_LETTER_NOT_FOUND)
      throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return desk.replay(messageId, operator);
  }
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
