// `@pcms/runtime/process`: what every process shares whether it runs Nest or not (the command
// line does not). `@pcms/runtime` exports the same and the Nest bootstrap, which loads Nest itself
// (about a second): the command line imports from here (issue 11, defect 8).
export { explainError, runMain } from '../src/run-main';
export { amqpClientTlsOf } from '../src/amqp-client-tls.factory';
