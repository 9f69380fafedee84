export { AccessError, AccessErrorCode } from './access.error';
export {
  planAmqpAccess,
  usernameOf,
  vhostOfAmqpUrl,
  type AmqpAccessPlanOptions,
  type AmqpUserPlan,
  type TopicPermissions,
  type VhostPermissions,
} from './amqp-access.plan';
export { AmqpAccessProvisioner } from './amqp-access.provisioner';
export {
  readAmqpCredentials,
  writeAmqpCredentials,
  type AmqpCredentialsFile,
  type AmqpUserCredential,
} from './amqp-credentials.file';
export { RabbitManagementClient, type ManagementOptions } from './rabbitmq-management.client';
