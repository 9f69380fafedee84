export { createLogger, forMessage, routeDefaultLogs, type Logger } from './logger.factory';
export { NestLoggerAdapter } from './nest-logger.adapter';
