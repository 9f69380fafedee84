// Jest globalSetup of the integration project: the suites talk to the real RabbitMQ, Redis and
// PostgreSQL on localhost, so make sure they run (and start them if not) once per jest run.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function globalSetup(): void {
  const script = join(__dirname, '..', '..', 'scripts', 'services.sh');
  execFileSync('bash', [script], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
}
