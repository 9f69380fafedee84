// The slice of express's request and response the controller uses (express ships no types here).
import type { IncomingMessage } from 'node:http';

export type RawBodyRequest = IncomingMessage & { body?: unknown };

export interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}
