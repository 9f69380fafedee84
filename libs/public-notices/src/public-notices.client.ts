import { readInterpolJson, type InterpolNoticeKind } from '@pcms/translation';
import { PublicNoticesError, PublicNoticesErrorCode } from './public-notices.error';

export interface PublicNoticesClientOptions {
  /** e.g. https://ws-public.interpol.int/notices/v1 */
  baseUrl: string;
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

/**
 * Reads Interpol's public notices web service over HTTP: list pages and detail documents,
 * bounded in time and size. Links are followed only on the configured service's origin.
 */
export class PublicNoticesClient {
  private readonly origin: string;

  constructor(private readonly options: PublicNoticesClientOptions) {
    this.origin = new URL(options.baseUrl).origin;
  }

  listUrl(
    kind: InterpolNoticeKind,
    query: Readonly<Record<string, string>>,
    page: number,
    perPage: number,
  ): string {
    const url = new URL(`${this.options.baseUrl.replace(/\/+$/, '')}/${kind}`);
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

  /** The bytes of one detail document, as the codec reads them. */
  detail(url: string): Promise<Buffer> {
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
    const fallback = `${this.options.baseUrl.replace(/\/+$/, '')}/${kind}/${entityId.replace('/', '-')}`;
    return { entityId, detailUrl: typeof href === 'string' ? href : fallback };
  }

  private async get(url: string): Promise<Buffer> {
    if (!URL.canParse(url) || new URL(url).origin !== this.origin) {
      throw new PublicNoticesError(
        PublicNoticesErrorCode.ForeignLink,
        `not followed: ${url} is not on ${this.origin}`,
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
