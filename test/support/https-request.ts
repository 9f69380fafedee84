// A platform's system calling the pcms-adapter's HTTPS door with its own client certificate
// (or none, or a foreign one): the raw exchange, so tests can assert on status and body.
import type { Credential } from '@pcms/trust';
import { request } from 'node:https';

export interface HttpsCall {
  url: string;
  method?: 'GET' | 'POST';
  /** The client certificate and key; omit to connect without one. */
  credential?: Credential;
  caPem: string;
  body?: Buffer;
  headers?: Record<string, string>;
}

export interface HttpsAnswer {
  status: number;
  json: unknown;
  /** Set only when the door answered one (a 503): absent, `toEqual` on a whole answer ignores it. */
  retryAfter?: string;
}

export function httpsCall(call: HttpsCall): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(call.url, {
      method: call.method ?? 'GET',
      ca: call.caPem,
      ...(call.credential
        ? { cert: call.credential.certificatePem, key: call.credential.privateKeyPem }
        : {}),
      agent: false,
      headers: {
        ...(call.body ? { 'content-type': 'application/json', 'content-length': call.body.length } : {}),
        ...call.headers,
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text) as unknown;
        } catch {
          json = text;
        }
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, json, ...(retryAfter ? { retryAfter } : {}) });
      });
    });
    req.on('error', reject);
    req.end(call.body);
  });
}
