// A platform's certificate sees only the messages its platform sent or received (issue 13).
import type { JournalTraceEntry } from '@pcms/journal';
import type { ConsoleReader } from './access';

export function mayReadMessage(reader: ConsoleReader, entries: readonly JournalTraceEntry[]): boolean {
  if (!reader.platform) return true;
  const platform = reader.platform;
  return entries.some((entry) => {
    const { sender, destinations, destination } = entry.details;
    return (
      sender === platform ||
      destination === platform ||
      (Array.isArray(destinations) && destinations.includes(platform))
    );
  });
}
