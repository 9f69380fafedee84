export { PlatformClient, type ReceivedMessage } from './platform.client';
