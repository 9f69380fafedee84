import { AccessError, AccessErrorCode } from './access.error';
import type { TopicPermissions, VhostPermissions } from './amqp-access.plan';

export interface ManagementOptions {
  /** e.g. `http://127.0.0.1:15672` (the rabbitmq_management plugin). */
  url: string;
  username: string;
  password: string;
  timeoutMs?: number;
}

/** The few calls of RabbitMQ's management HTTP API (https://www.rabbitmq.com/docs/http-api-reference) we need. */
export class RabbitManagementClient {
  private readonly authorization: string;

  constructor(private readonly options: ManagementOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  }

  /** Creates the user or sets its password; no tags: it cannot log into the management UI. */
  async putUser(username: string, password: string): Promise<void> {
    await this.call('PUT', `/api/users/${enc(username)}`, { password, tags: '' });
  }

  async userExists(username: string): Promise<boolean> {
    const response = await this.call('GET', `/api/users/${enc(username)}`, undefined, [404]);
    return response.status !== 404;
  }

  async putPermissions(vhost: string, username: string, permissions: VhostPermissions): Promise<void> {
    await this.call('PUT', `/api/permissions/${enc(vhost)}/${enc(username)}`, permissions);
  }

  async putTopicPermissions(vhost: string, username: string, permissions: TopicPermissions): Promise<void> {
    await this.call('PUT', `/api/topic-permissions/${enc(vhost)}/${enc(username)}`, permissions);
  }

  /** Deleting a user also deletes its permissions; a missing user is not an error. */
  async deleteUser(username: string): Promise<void> {
    await this.call('DELETE', `/api/users/${enc(username)}`, undefined, [404]);
  }

  private async call(
    method: 'GET' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    tolerated: readonly number[] = [],
  ): Promise<Response> {
    const target = `${method} ${this.options.url}${path}`;
    let response: Response;
    try {
      response = await fetch(`${this.options.url}${path}`, {
        method,
        headers: {
          authorization: this.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (cause: unknown) {
      throw new AccessError(AccessErrorCode.MANAGEMENT_UNREACHABLE, `${target}: no answer`, { cause });
    }
    if (!response.ok && !tolerated.includes(response.status)) {
      // The request body (a password) never goes into the message; RabbitMQ's answer names no secret.
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      throw new AccessError(
        AccessErrorCode.MANAGEMENT_REJECTED,
        `${target} answered ${response.status}: ${detail}`,
        { status: response.status },
      );
    }
    return response;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
