import 'reflect-metadata';
import { runMain } from '@pcms/runtime';
import { startJudicialAdapter } from './judicial-adapter.app';

runMain('judicial-adapter', startJudicialAdapter);
