// Plain symbols, apart from the module: services inject them without loading Nest's module system.

/** Injection token of the `GatewayTopology` built from the module's namespace. */
export const GATEWAY_TOPOLOGY = Symbol('GATEWAY_TOPOLOGY');

/** Optional `AmqpClientTls` (provided by the runtime when `amqp.tls.enabled`): the connection then uses TLS. */
export const AMQP_CLIENT_TLS = Symbol('AMQP_CLIENT_TLS');

/**
 * Optional `MessagingLogger` (provided by the runtime: the app's own structured logger), so that a
 * lost connection or a message the broker will redeliver is a line of the app's log, at its level,
 * not a bare console warning.
 */
export const MESSAGING_LOGGER = Symbol('MESSAGING_LOGGER');
