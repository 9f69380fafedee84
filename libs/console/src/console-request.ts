// One authenticated request as the console's routes see it, and the answers they give: a page, a
// refusal, a redirect. Forms that act are read bounded and checked for the reader's CSRF token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CsrfTokens } from './csrf';
import type { AuthenticatedReader } from './reader-certificate';
import { refusalPage } from './views/refusal.view';
import type { ViewContext } from './views/view-context';

export interface ConsoleRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly authenticated: AuthenticatedReader;
  readonly context: ViewContext;
}

export const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_FORM_BYTES = 4096;

export function send(res: ServerResponse, status: number, page: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(page);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location });
  res.end();
}

export function refuse({ res, context }: ConsoleRequest, status: 403 | 404): void {
  if (status === 403) return send(res, 403, refusalPage(context, 'forbidden.title', 'forbidden.body'));
  send(res, 404, refusalPage(context, 'notFound.title', 'notFound.body'));
}

/** The form of a POST that carries the reader's CSRF token; otherwise undefined, 403 already sent. */
export async function checkedForm(
  request: ConsoleRequest,
  csrf: CsrfTokens,
  maxBytes = MAX_FORM_BYTES,
): Promise<URLSearchParams | undefined> {
  const form = await readForm(request.req, maxBytes);
  if (form && csrf.verify(request.authenticated, form.get('csrf') ?? undefined)) return form;
  send(request.res, 403, refusalPage(request.context, 'forbidden.title', 'csrf.body'));
  return undefined;
}

export function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** An urlencoded form of at most `maxBytes`, or undefined. */
async function readForm(req: IncomingMessage, maxBytes: number): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return undefined;
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
