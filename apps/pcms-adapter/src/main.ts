import 'reflect-metadata';
import { runMain } from '@pcms/runtime';
import { startPcmsAdapter } from './pcms-adapter.app';

runMain('pcms-adapter', startPcmsAdapter);
