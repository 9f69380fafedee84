import { readInterpolJson, type InterpolNoticeKind } from '@pcms/translation';
import { PublicNoticesError, PublicNoticesErrorCode } from './public-notices.error';

export interface PublicNoticesClientOptions {
  /** Where the service is reached: its public root, or a mirror or egress proxy of it. */
  baseUrl: string;
  /**
   * The root the service writes its absolute HAL links against (its public one, whatever root
   * it was reached through). Default: baseUrl.
   */
  publishedBaseUrl?: string;
  timeoutMs: number;
  /** Largest document read; also bounds the JSON structure scan. */
  maxBytes: number;
  maxDepth: number;
}

/** One entry of a list page: the notice's id and where its detail document is. */
export interface NoticeListEntry {
  entityId: string;
  detailUrl: string;
}

export interface NoticeListPage {
  page: number;
  notices: NoticeListEntry[];
  /** `_links.next` was present. */
  hasNext: boolean;
  /** The true count the service reports, even past its 160 cap. */
  total?: number;
}

/** A notice's detail document, relative to the service's root: `red/2024-31877`, `un/entities/2014-1`. */
const DETAIL_PATH = /^(?:red|yellow|un(?:\/persons|\/entities)?)\/\d{4}-\d{1,10}$/;

/**
 * Reads Interpol's public notices web service over HTTP: list pages and detail documents,
 * bounded in time and size. A link is read relative to the root it was written against (the
 * published one or baseUrl) and fetched from baseUrl; only list pages and notice details under
 * baseUrl are ever fetched, so a page cannot send us to another host or another resource.
 */
export class PublicNoticesClient {
  private readonly base: URL;
  private readonly roots: URL[];

  constructor(private readonly options: PublicNoticesClientOptions) {
    this.base = rootOf(options.baseUrl);
    this.roots = [rootOf(options.publishedBaseUrl ?? options.baseUrl), this.base];
  }

  listUrl(
    kind: InterpolNoticeKind,
    query: Readonly<Record<string, string>>,
    page: number,
    perPage: number,
  ): string {
    const url = new URL(kind, this.base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('resultPerPage', String(perPage));
    url.searchParams.set('page', String(page));
    return url.toString();
  }

  async listPage(
    kind: InterpolNoticeKind,
    query: Readonly<Record<string, string>>,
    page: number,
    perPage: number,
  ): Promise<NoticeListPage> {
    const url = this.listUrl(kind, query, page, perPage);
    const document = readInterpolJson(await this.get(url), this.options);
    return { page, ...this.readList(document, kind, url) };
  }

  /** The bytes of one detail document, as the codec reads them: only a notice under baseUrl. */
  async detail(url: string): Promise<Buffer> {
    if (this.relativeTo(this.base, url) === undefined) {
      throw new PublicNoticesError(
        PublicNoticesErrorCode.ForeignLink,
        `not followed: ${url} is not a notice under ${this.base.href}`,
      );
    }
    return this.get(url);
  }

  private readList(document: unknown, kind: InterpolNoticeKind, url: string): Omit<NoticeListPage, 'page'> {
    const root = asRecord(document);
    const embedded = asRecord(root?._embedded);
    const notices = embedded?.notices ?? [];
    if (!root || !Array.isArray(notices)) {
      throw new PublicNoticesError(PublicNoticesErrorCode.PageInvalid, `${url}: not a list of notices`);
    }
    const entries = notices.map((notice: unknown, index) => this.entryOf(notice, kind, `${url} #${index}`));
    const links = asRecord(root._links);
    return {
      notices: entries,
      hasNext: asRecord(links?.next)?.href !== undefined,
      total: typeof root.total === 'number' ? root.total : undefined,
    };
  }

  private entryOf(notice: unknown, kind: InterpolNoticeKind, where: string): NoticeListEntry {
    const record = asRecord(notice);
    const entityId = record?.entity_id;
    if (typeof entityId !== 'string' || !/^\d{4}\/\d{1,10}$/.test(entityId)) {
      throw new PublicNoticesError(PublicNoticesErrorCode.PageInvalid, `${where}: no entity_id`);
    }
    const href = asRecord(asRecord(record?._links)?.self)?.href;
    if (typeof href !== 'string') {
      return { entityId, detailUrl: new URL(`${kind}/${entityId.replace('/', '-')}`, this.base).href };
    }
    // The service writes its links against its public root: rebased onto baseUrl, they reach it
    // through a mirror or proxy. A link to anything else stays as written, and detail() refuses it.
    const path = this.roots.map((root) => this.relativeTo(root, href)).find((found) => found !== undefined);
    return { entityId, detailUrl: path === undefined ? href : new URL(path, this.base).href };
  }

  /** `red/2024-31877` when url is a notice's detail under root (same origin, no query). */
  private relativeTo(root: URL, url: string): string | undefined {
    if (!URL.canParse(url)) return undefined;
    const parsed = new URL(url);
    if (parsed.origin !== root.origin || parsed.search !== '' || parsed.hash !== '') return undefined;
    if (!parsed.pathname.startsWith(root.pathname)) return undefined;
    const path = parsed.pathname.slice(root.pathname.length);
    return DETAIL_PATH.test(path) ? path : undefined;
  }

  private async get(url: string): Promise<Buffer> {
    if (!URL.canParse(url) || new URL(url).origin !== this.base.origin) {
      throw new PublicNoticesError(
        PublicNoticesErrorCode.ForeignLink,
        `not followed: ${url} is not on ${this.base.origin}`,
      );
    }
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
    } catch (error: unknown) {
      const timedOut = isTimeout(error);
      throw new PublicNoticesError(
        timedOut ? PublicNoticesErrorCode.Timeout : PublicNoticesErrorCode.Unreachable,
        timedOut ? `${url}: no answer within ${this.options.timeoutMs} ms` : `${url}: unreachable`,
        { cause: error },
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new PublicNoticesError(PublicNoticesErrorCode.HttpStatus, `${url}: HTTP ${response.status}`, {
        status: response.status,
      });
    }
    return this.readBody(response, url);
  }

  /** Reads at most maxBytes: a lying or absent Content-Length cannot make us buffer more. */
  private async readBody(response: Response, url: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > this.options.maxBytes) {
          await response.body?.cancel().catch(() => undefined);
          throw new PublicNoticesError(
            PublicNoticesErrorCode.TooLarge,
            `${url}: larger than ${this.options.maxBytes} bytes`,
          );
        }
        chunks.push(Buffer.from(chunk));
      }
    } catch (error: unknown) {
      if (error instanceof PublicNoticesError) throw error;
      const timedOut = isTimeout(error);
      throw new PublicNoticesError(
        timedOut ? PublicNoticesErrorCode.Timeout : PublicNoticesErrorCode.Unreachable,
        `${url}: the answer was cut short`,
        { cause: error },
      );
    }
    return Buffer.concat(chunks);
  }
}

/** The root as a directory URL (trailing slash), so that relative paths resolve under it. */
function rootOf(url: string): URL {
  return new URL(url.endsWith('/') ? url : `${url}/`);
}

/**
 * AbortSignal.timeout rejects with a DOMException named TimeoutError. Told by its name, not by
 * `instanceof Error`: a DOMException comes from Node's own realm, not the caller's (jest's vm).
 */
function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
