/** Injection token of the `RoutingPolicy` loaded once at start from `config/policy.yaml`. */
export const ROUTING_POLICY = Symbol('ROUTING_POLICY');
