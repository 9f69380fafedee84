import 'reflect-metadata';
import { runMain } from '@pcms/runtime';
import { startJournalWriter } from './journal-writer.app';

runMain('journal-writer', startJournalWriter);
