// `@pcms/messaging/nest`: the Nest glue of the messaging lib (a microservice transport and a
// module), apart from `@pcms/messaging` because loading Nest costs about a second and the
// command line needs only the connection (issue 11, defect 8).
export { AmqpTransport, type AmqpTransportOptions } from '../src/nest/amqp.transport';
export { MessagingModule, type MessagingModuleOptions } from '../src/nest/messaging.module';
