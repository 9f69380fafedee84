export { closeQueue, runWorker } from './queue-lifecycle';
