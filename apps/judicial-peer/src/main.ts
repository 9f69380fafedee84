import 'reflect-metadata';
import { runMain } from '@pcms/runtime';
import { startJudicialPeer } from './judicial-peer.app';

runMain('judicial-peer', (config) => startJudicialPeer(config, { shutdownHooks: true }));
