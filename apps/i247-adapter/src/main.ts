import 'reflect-metadata';
import { runMain } from '@pcms/runtime';
import { startI247Adapter } from './i247-adapter.app';

runMain('i247-adapter', startI247Adapter);
