export { startGatewayApp, type GatewayAppOptions, type RunningApp } from './gateway-app.bootstrap';
export { RuntimeModule } from './runtime.module';
export { allSteps, gatewayErrorPolicy, INFRASTRUCTURE_ERROR, requeueAfter } from './error.policy';
export { explainError, runMain } from './run-main';
export { APP_LOGGER, GATEWAY_CONFIG, GATEWAY_SIGNER, REDIS } from './runtime.tokens';
export { amqpClientTlsOf } from './amqp-client-tls.factory';
export { countDuplicate, countOutcomes, countRejection } from './rejection.metrics';
export { RpcErrorPassThroughFilter } from './rpc-error-pass-through.filter';
export { JsonDoorExceptionFilter, type DoorErrorAnswer } from './json-door.filter';
export {
  assertBrokerNotBlocked,
  assertRedisReady,
  GATEWAY_UNAVAILABLE,
  GatewayUnavailableError,
  isInfrastructureError,
  RETRY_AFTER_SECONDS,
} from './door-availability';
export { journalDeadLetters } from './dead-letter.journal';
export { enableCleanShutdown } from './clean-shutdown';
export { createAppRedis } from './redis-client.factory';
