import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublicNoticesClient } from './public-notices.client';
import { PublicNoticesErrorCode } from './public-notices.error';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe(PublicNoticesClient.name, () => {
  let server: Server;
  let baseUrl: string;
  let handle: Handler;
  let sut: PublicNoticesClient;

  beforeAll(async () => {
    server = createServer((request, response) => handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notices/v1`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    sut = new PublicNoticesClient({ baseUrl, timeoutMs: 300, maxBytes: 1024, maxDepth: 16 });
  });

  const json =
    (body: unknown): Handler =>
    (_request, response) =>
      void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  it('reads a list page: ids, detail links, whether there is a next page, the true total', async () => {
    let asked = '';
    handle = (request, response) => {
      asked = request.url ?? '';
      json({
        total: 431,
        _embedded: {
          notices: [
            { entity_id: '2024/31877', _links: { self: { href: `${baseUrl}/red/2024-31877` } } },
            { entity_id: '2023/18850' },
          ],
        },
        _links: { next: { href: `${baseUrl}/red?page=3` } },
      })(request, response);
    };
    const page = await sut.listPage('red', { nationality: 'ML' }, 2, 20);
    expect(asked).toBe('/notices/v1/red?nationality=ML&resultPerPage=20&page=2');
    expect(page).toEqual({
      page: 2,
      total: 431,
      hasNext: true,
      notices: [
        { entityId: '2024/31877', detailUrl: `${baseUrl}/red/2024-31877` },
        { entityId: '2023/18850', detailUrl: `${baseUrl}/red/2023-18850` },
      ],
    });
  });

  it('reads links written against the public origin, and fetches them from baseUrl (a mirror, a proxy)', async () => {
    const published = 'https://ws-public.interpol.int/notices/v1';
    sut = new PublicNoticesClient({
      baseUrl,
      publishedBaseUrl: published,
      timeoutMs: 300,
      maxBytes: 1024,
      maxDepth: 16,
    });
    const asked: string[] = [];
    handle = (request, response) => {
      asked.push(request.url ?? '');
      if (request.url?.startsWith('/notices/v1/un/'))
        return json({ entity_id: '2014/14071' })(request, response);
      json({
        _embedded: {
          notices: [
            { entity_id: '2024/31877', _links: { self: { href: `${published}/red/2024-31877` } } },
            { entity_id: '2014/14071', _links: { self: { href: `${published}/un/entities/2014-14071` } } },
            { entity_id: '2023/18850', _links: { self: { href: `${baseUrl}/red/2023-18850` } } },
          ],
        },
      })(request, response);
    };
    const page = await sut.listPage('red', {}, 1, 20);
    expect(page.notices.map((notice) => notice.detailUrl)).toEqual([
      `${baseUrl}/red/2024-31877`,
      `${baseUrl}/un/entities/2014-14071`,
      `${baseUrl}/red/2023-18850`,
    ]);
    await expect(sut.detail(page.notices[1].detailUrl)).resolves.toEqual(
      Buffer.from('{"entity_id":"2014/14071"}'),
    );
    expect(asked).toEqual(['/notices/v1/red?resultPerPage=20&page=1', '/notices/v1/un/entities/2014-14071']);
  });

  it('fetches nothing but a notice under baseUrl: another host, another path of the service', async () => {
    let requests = 0;
    handle = (request, response) => {
      requests++;
      json({})(request, response);
    };
    const refused = [
      'https://ws-public.interpol.int.evil.example/notices/v1/red/2024-31877',
      `${baseUrl}/red/2024-31877/../../admin`,
      `${baseUrl}/red?page=2`,
      `${baseUrl.replace('/notices/v1', '')}/status`,
    ];
    for (const url of refused) {
      await expect(sut.detail(url)).rejects.toMatchObject({ code: PublicNoticesErrorCode.ForeignLink });
    }
    expect(requests).toBe(0);
  });

  it('refuses a list entry without a well-formed entity_id', async () => {
    handle = json({ _embedded: { notices: [{ entity_id: '../../etc' }] } });
    await expect(sut.listPage('red', {}, 1, 20)).rejects.toMatchObject({
      code: PublicNoticesErrorCode.PageInvalid,
    });
  });

  it('follows no link off the service’s origin, and never asks the other host', async () => {
    let requests = 0;
    handle = (request, response) => {
      requests++;
      json({})(request, response);
    };
    const elsewhere = baseUrl.replace('127.0.0.1', 'localhost');
    for (const url of [`${elsewhere}/red/2024-31877`, 'https://evil.example/notices/v1/red/1', 'not a url']) {
      await expect(sut.detail(url)).rejects.toMatchObject({ code: PublicNoticesErrorCode.ForeignLink });
    }
    expect(requests).toBe(0);
  });

  it('refuses a redirect, even to the same origin', async () => {
    handle = (_request, response) =>
      void response.writeHead(302, { location: `${baseUrl}/red/2024-1` }).end();
    await expect(sut.detail(`${baseUrl}/red/2024-31877`)).rejects.toMatchObject({
      code: PublicNoticesErrorCode.Unreachable,
    });
  });

  it('stops reading past maxBytes, whatever Content-Length says or does not say', async () => {
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // Chunked (no Content-Length), and far more than the 1 KiB cap.
      for (let i = 0; i < 64; i++) response.write('x'.repeat(512));
      response.end();
    };
    await expect(sut.detail(`${baseUrl}/red/2024-31877`)).rejects.toMatchObject({
      code: PublicNoticesErrorCode.TooLarge,
    });
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '10' });
      response.end('{"a": 1}  ');
    };
    await expect(sut.detail(`${baseUrl}/red/2024-31877`)).resolves.toEqual(Buffer.from('{"a": 1}  '));
  });

  it('gives up on a service that does not answer in time, and on one that stops mid-answer', async () => {
    handle = () => undefined; // never answers
    await expect(sut.detail(`${baseUrl}/red/2024-31877`)).rejects.toMatchObject({
      code: PublicNoticesErrorCode.Timeout,
    });
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"entity_id": '); // and nothing more
    };
    await expect(sut.detail(`${baseUrl}/red/2024-31877`)).rejects.toMatchObject({
      code: PublicNoticesErrorCode.Timeout,
    });
  });

  it('reports an HTTP error with its status (an unknown id answers 502)', async () => {
    handle = (_request, response) => void response.writeHead(502).end('Bad Gateway');
    await expect(sut.detail(`${baseUrl}/red/2099-99999`)).rejects.toMatchObject({
      code: PublicNoticesErrorCode.HttpStatus,
      status: 502,
    });
  });
});
