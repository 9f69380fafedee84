import 'reflect-metadata';
import { runMain } from '@pcms/runtime';
import { startRouter } from './router.app';

runMain('router', startRouter);
