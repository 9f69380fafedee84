export { GatewayMetrics } from './gateway.metrics';
export {
  startObservabilityServer,
  type ObservabilityServer,
  type ReadinessCheck,
} from './observability.server';
export { AlertSignalMetrics } from './alert-signal.metrics';
