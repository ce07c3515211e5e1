import type { BusJournal, EventArchive, LocalEventBridge, LocalEventBus, Replay } from '../eventbridge';
import type { DurableStore } from './durable-store';
import { definedMembers } from '../defined-members';

const BUS_PREFIX = 'events/bus/';
const ARCHIVE_PREFIX = 'events/archive/';
const REPLAY_PREFIX = 'events/replay/';

interface StoredBus {
  readonly name: string;
  readonly description?: string;
  readonly createdAt: number;
}

interface StoredArchive {
  readonly name: string;
  readonly eventSourceArn: string;
  readonly eventPattern?: string;
  readonly retentionDays: number;
  readonly description?: string;
  readonly createdAt: number;
}

/**
 * EventBridge buses and archives under `--data`: the buses and archives created through the API
 * (or the template) by name, with their settings; an archive's events are in its own append-only
 * file under `DIR/archives`, found again when the archive is put back. Replays too, for
 * DescribeReplay and ListReplays.
 */
export class BusStore implements BusJournal {
  constructor(private readonly store: DurableStore) {}

  busChanged(bus: LocalEventBus): void {
    this.store.put(`${BUS_PREFIX}${bus.name}`, (): StoredBus => ({
      name: bus.name,
      createdAt: bus.createdAt,
      ...definedMembers({ description: bus.description }),
    }));
  }

  busDeleted(name: string): void {
    this.store.del(`${BUS_PREFIX}${name}`);
  }

  archiveChanged(archive: EventArchive): void {
    this.store.put(`${ARCHIVE_PREFIX}${archive.name}`, (): StoredArchive => {
      const { name, eventSourceArn, eventPattern, retentionDays, description, createdAt } = archive.props;
      return { name, eventSourceArn, retentionDays, createdAt, ...definedMembers({ eventPattern, description }) };
    });
  }

  archiveDeleted(name: string): void {
    this.store.del(`${ARCHIVE_PREFIX}${name}`);
  }

  replayChanged(replay: Replay): void {
    this.store.put(`${REPLAY_PREFIX}${replay.replayName}`, () => replay);
  }

  /**
   * Puts back the kept buses, then their archives (those the template already made stay as they
   * are); call before the rules are put back, since a rule needs its bus.
   * @returns how many buses and archives came back
   */
  async restore(eventBridge: LocalEventBridge): Promise<{ buses: number; archives: number }> {
    let buses = 0;
    for (const [, value] of await this.store.load(BUS_PREFIX)) {
      const stored = value as StoredBus;
      if (eventBridge.findEventBus(stored.name)) continue;
      eventBridge.createEventBus(stored.name, stored.description, stored.createdAt);
      buses++;
    }
    let archives = 0;
    for (const [key, value] of await this.store.load(ARCHIVE_PREFIX)) {
      const stored = value as StoredArchive;
      if (eventBridge.findArchive(stored.name)) continue;
      if (!eventBridge.findEventBus(stored.eventSourceArn)) {
        this.store.del(key);
        continue;
      }
      eventBridge.createArchive({
        archiveName: stored.name,
        eventSourceArn: stored.eventSourceArn,
        retentionDays: stored.retentionDays,
        createdAt: stored.createdAt,
        ...definedMembers({ eventPattern: stored.eventPattern, description: stored.description }),
      });
      archives++;
    }
    // Replays ran to completion when they started: they come back to be described and listed.
    for (const [, value] of await this.store.load(REPLAY_PREFIX)) eventBridge.restoreReplay(value as Replay);
    return { buses, archives };
  }
}
