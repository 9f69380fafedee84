import { PLATFORM_IDS, type PlatformId } from '@pcms/envelope';
import { gatewayTopology } from '@pcms/messaging';

/** RabbitMQ's three regular expressions per user and vhost (https://www.rabbitmq.com/docs/access-control). */
export interface VhostPermissions {
  configure: string;
  write: string;
  read: string;
}

/** Checked on every publish to a topic exchange against the routing key (RabbitMQ topic authorisation). */
export interface TopicPermissions {
  exchange: string;
  write: string;
  read: string;
}

export interface AmqpUserPlan {
  platform: PlatformId;
  username: string;
  vhost: string;
  permissions: VhostPermissions;
  topicPermissions: TopicPermissions;
}

export interface AmqpAccessPlanOptions {
  /** The deployment's `amqp.namespace`: it prefixes the user names as it prefixes queues. */
  namespace: string;
  vhost: string;
}

/** Nothing matches it: the user may not declare, delete or read anything else. */
const NOTHING = '^$';

/**
 * One RabbitMQ user per platform. It can publish only to the submissions exchange and, there,
 * only with its own routing key `submit.<ID>`; it can consume only its own `platform.<ID>`
 * queue; it can declare nothing (the gateway declares the topology).
 */
export function planAmqpAccess(options: AmqpAccessPlanOptions): AmqpUserPlan[] {
  const topology = gatewayTopology(options.namespace);
  const submissions = topology.exchanges.submissions.name;
  return PLATFORM_IDS.map((platform) => ({
    platform,
    username: usernameOf(options.namespace, platform),
    vhost: options.vhost,
    permissions: {
      configure: NOTHING,
      write: exactly(submissions),
      read: exactly(topology.queues.platforms[platform].name),
    },
    topicPermissions: {
      exchange: submissions,
      write: exactly(topology.routes.submit(platform).routingKey),
      read: NOTHING,
    },
  }));
}

/** `pcms-np-ml` in the default namespace; `<ns>pcms-np-ml` otherwise. */
export function usernameOf(namespace: string, platform: PlatformId): string {
  return `${namespace}pcms-${platform.toLowerCase()}`;
}

/** The vhost an AMQP URL names (RFC 3986 path, percent-decoded); `/` when it names none. */
export function vhostOfAmqpUrl(url: string): string {
  const path = new URL(url).pathname;
  return path === '' || path === '/' ? '/' : decodeURIComponent(path.slice(1));
}

function exactly(name: string): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}
