/** pino-compatible (fields first, then the message), so tests can pass a recorder. */
export interface MaintenanceLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The code of a coded error (TrustError and the like), for logs: never the error's text alone. */
export function codeOf(error: unknown): string {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'UNEXPECTED';
}
