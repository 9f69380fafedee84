import { randomBytes } from 'node:crypto';
import type { AmqpUserPlan } from './amqp-access.plan';
import type { AmqpUserCredential } from './amqp-credentials.file';
import type { RabbitManagementClient } from './rabbitmq-management.client';

const PASSWORD_BYTES = 24;

/**
 * Applies a plan through the management API. Idempotent: every call sets the whole state of each
 * user (password, permissions, topic permissions), and a user keeps the password it was given
 * before (from `known`) unless `rotate` asks for new ones.
 */
export class AmqpAccessProvisioner {
  constructor(private readonly management: RabbitManagementClient) {}

  async apply(
    plan: readonly AmqpUserPlan[],
    options: { known?: readonly AmqpUserCredential[]; rotate?: boolean } = {},
  ): Promise<AmqpUserCredential[]> {
    const credentials: AmqpUserCredential[] = [];
    for (const user of plan) {
      const previous = options.rotate
        ? undefined
        : options.known?.find((known) => known.username === user.username)?.password;
      const password = previous ?? newPassword();
      await this.management.putUser(user.username, password);
      await this.management.putPermissions(user.vhost, user.username, user.permissions);
      await this.management.putTopicPermissions(user.vhost, user.username, user.topicPermissions);
      credentials.push({ platform: user.platform, username: user.username, password });
    }
    return credentials;
  }

  /** Deletes the plan's users (and with them their permissions). */
  async remove(plan: readonly AmqpUserPlan[]): Promise<void> {
    for (const user of plan) await this.management.deleteUser(user.username);
  }
}

function newPassword(): string {
  return randomBytes(PASSWORD_BYTES).toString('base64url');
}
