import 'reflect-metadata';
import { runMain } from '@pcms/runtime';
import { startPeer } from './peer.app';

runMain('i247-peer', (config) => startPeer(config, { shutdownHooks: true }));
