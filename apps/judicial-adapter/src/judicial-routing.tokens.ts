// What the judicial adapter's routing and delivery providers inject (beside judicial-adapter.tokens).

/** The `judicial:` rules of config/policy.yaml. */
export const JUDICIAL_ROUTING_RULES = Symbol('JUDICIAL_ROUTING_RULES');
/** The bull queue `judicial-delivery`: this adapter adds and runs its jobs. */
export const JUDICIAL_DELIVERIES = Symbol('JUDICIAL_DELIVERIES');
/** The I-24/7 adapter's queue `i247-delivery`: this adapter only adds DIFFUSIONs to it. */
export const I247_DELIVERIES = Symbol('I247_DELIVERIES');
