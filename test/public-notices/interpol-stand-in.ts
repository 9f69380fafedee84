// A stand-in for Interpol's public notices web service, written to its published shape and quirks
// (the samples' README): every HAL link absolute against the service's public origin, whatever
// host it was reached through; at most 160 notices per query whatever the page asks, `total` the
// true count, `_links` computed against that cap, the last page served again past the end; the
// filters of each list (nationality, arrestWarrantCountryId, sexId, ageMin, ageMax); UN listings
// linked under /un/persons and /un/entities; 502 for an unknown id.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PUBLISHED_BASE_URL = 'https://ws-public.interpol.int/notices/v1';

export type StandInKind = 'red' | 'yellow' | 'un';
export type StandInNotice = Record<string, unknown> & { entity_id: string };

const CAP = 160;
const FILTERS: Record<StandInKind, readonly string[]> = {
  red: ['nationality', 'arrestWarrantCountryId', 'sexId', 'ageMin', 'ageMax', 'name', 'forename'],
  yellow: ['nationality', 'sexId', 'ageMin', 'ageMax', 'name', 'forename'],
  un: ['name', 'unReference', 'unResolution'],
};

export class InterpolStandIn {
  /** Every path and query asked, in order. */
  readonly requests: string[] = [];
  private server?: Server;
  baseUrl = '';

  constructor(readonly notices: Record<StandInKind, StandInNotice[]>) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.serve(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/notices/v1`;
    return this;
  }

  async stop(): Promise<void> {
    // fetch keeps connections alive: close them, or the server never finishes closing.
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    this.requests.push(request.url ?? '/');
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const detail = /^\/notices\/v1\/(red|yellow|un(?:\/persons|\/entities)?)\/(\d{4})-(\d+)$/.exec(
      url.pathname,
    );
    const json = (body: object) =>
      void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (detail) {
      const kind = detail[1].split('/')[0] as StandInKind;
      const notice = this.notices[kind].find((n) => n.entity_id === `${detail[2]}/${detail[3]}`);
      if (!notice || linkPath(kind, notice) !== `${detail[1]}/${detail[2]}-${detail[3]}`) {
        return void response.writeHead(502).end('Bad Gateway');
      }
      return json({ ...notice, _embedded: { links: [] }, _links: links(kind, notice) });
    }
    const list = /^\/notices\/v1\/(red|yellow|un)$/.exec(url.pathname)?.[1] as StandInKind | undefined;
    if (!list) return void response.writeHead(404).end();
    json(this.page(list, url.searchParams));
  }

  private page(kind: StandInKind, params: URLSearchParams): object {
    const matching = this.notices[kind].filter((notice) => matches(kind, notice, params));
    const reachable = matching.slice(0, CAP);
    const perPage = Math.min(Number(params.get('resultPerPage') ?? 20), CAP);
    const last = Math.max(1, Math.ceil(reachable.length / perPage));
    const page = Math.min(Number(params.get('page') ?? 1), last);
    const at = (n: number) => {
      const query = new URLSearchParams(params);
      query.set('page', String(n));
      return { href: `${PUBLISHED_BASE_URL}/${kind}?${query.toString()}` };
    };
    return {
      total: matching.length,
      query: { ...Object.fromEntries(params), page, resultPerPage: perPage },
      _embedded: {
        notices: reachable.slice((page - 1) * perPage, page * perPage).map((notice) => ({
          entity_id: notice.entity_id,
          name: notice.name,
          forename: notice.forename ?? null,
          date_of_birth: notice.date_of_birth,
          nationalities: notice.nationalities ?? [],
          _links: links(kind, notice),
        })),
      },
      _links: {
        self: at(page),
        first: at(1),
        last: at(last),
        ...(page < last ? { next: at(page + 1) } : {}),
      },
    };
  }
}

function linkPath(kind: StandInKind, notice: StandInNotice): string {
  const id = notice.entity_id.replace('/', '-');
  if (kind !== 'un') return `${kind}/${id}`;
  return `un/${'main_activity' in notice || 'also_known_as' in notice ? 'entities' : 'persons'}/${id}`;
}

function links(kind: StandInKind, notice: StandInNotice): object {
  const self = `${PUBLISHED_BASE_URL}/${linkPath(kind, notice)}`;
  return { self: { href: self }, images: { href: `${self}/images` } };
}

function matches(kind: StandInKind, notice: StandInNotice, params: URLSearchParams): boolean {
  const age = ageOf(notice.date_of_birth);
  const warrants = (notice.arrest_warrants ?? []) as { issuing_country_id: string }[];
  return FILTERS[kind].every((filter) => {
    const value = params.get(filter);
    if (value === null) return true;
    switch (filter) {
      case 'nationality':
        return ((notice.nationalities ?? []) as string[]).includes(value);
      case 'arrestWarrantCountryId':
        return warrants.some((warrant) => warrant.issuing_country_id === value);
      case 'sexId':
        return notice.sex_id === value;
      // The service computes ages from the date of birth: a notice without one is in no band.
      case 'ageMin':
        return age !== undefined && age >= Number(value);
      case 'ageMax':
        return age !== undefined && age <= Number(value);
      default:
        return notice[filter === 'unReference' ? 'un_reference' : filter] === value;
    }
  });
}

function ageOf(dateOfBirth: unknown): number | undefined {
  const year = typeof dateOfBirth === 'string' ? /^(\d{4})/.exec(dateOfBirth)?.[1] : undefined;
  return year === undefined ? undefined : new Date().getUTCFullYear() - Number(year);
}
