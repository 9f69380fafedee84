export { createLogger, forMessage, type Logger } from './logger.factory';
export { NestLoggerAdapter } from './nest-logger.adapter';
