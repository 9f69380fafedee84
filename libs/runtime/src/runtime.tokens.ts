/** Injection tokens for what every gateway process shares. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const APP_LOGGER = Symbol('APP_LOGGER');
export const GATEWAY_SIGNER = Symbol('GATEWAY_SIGNER');
export const REDIS = Symbol('REDIS');
