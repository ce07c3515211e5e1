import { EventsResourceNotFoundError } from '../events-errors';
import { busNameOf } from '../local-event-bridge';
import type { EventsOperation } from './events-operation';

/** Event buses and archives. */
export const BUS_OPERATIONS: Record<string, EventsOperation> = {
  ListEventBuses: (params, { bridge }) => {
    const prefix = params.optionalString('NamePrefix') ?? '';
    const limit = params.optionalInteger('Limit') ?? 100;
    return {
      EventBuses: bridge
        .eventBuses()
        .filter((bus) => bus.name.startsWith(prefix))
        .slice(0, limit)
        .map((bus) => bus.describe()),
    };
  },

  DescribeEventBus: (params, { bridge }) => bridge.getEventBus(params.optionalString('Name')).describe(),

  CreateEventBus: (params, { bridge }) => ({
    EventBusArn: bridge.createEventBus(params.string('Name'), params.optionalString('Description')).arn,
  }),

  DeleteEventBus: (params, { bridge }) => {
    bridge.deleteEventBus(params.string('Name'));
    return {};
  },

  CreateArchive: (params, { bridge }) => {
    const archive = bridge.createArchive({
      archiveName: params.string('ArchiveName'),
      eventSourceArn: params.string('EventSourceArn'),
      eventPattern: params.optionalString('EventPattern'),
      retentionDays: params.optionalInteger('RetentionDays'),
      description: params.optionalString('Description'),
    });
    return { ArchiveArn: archive.props.arn, State: 'ENABLED', CreationTime: archive.props.createdAt / 1000 };
  },

  DescribeArchive: (params, { bridge }) => {
    const name = params.string('ArchiveName');
    const archive = bridge.findArchive(name);
    if (!archive) {
      throw new EventsResourceNotFoundError(`Archive ${name} does not exist.`);
    }
    return archive.describe();
  },

  DeleteArchive: (params, { bridge }) => {
    bridge.deleteArchive(params.string('ArchiveName'));
    return {};
  },

  ListArchives: (params, { bridge }) => {
    const prefix = params.optionalString('NamePrefix') ?? '';
    const source = params.optionalString('EventSourceArn');
    if (source !== undefined && !bridge.findEventBus(source)) {
      throw new EventsResourceNotFoundError(`Event bus ${busNameOf(source)} does not exist.`);
    }
    return {
      Archives: bridge
        .archives()
        .filter(
          (archive) =>
            archive.name.startsWith(prefix) && (source === undefined || archive.props.eventSourceArn === source),
        )
        .map((archive) => archive.describe()),
    };
  },

  StartReplay: (params, { bridge }) => {
    const destination = params.optionalObject('Destination');
    const eventSourceArn = params.string('EventSourceArn');
    const archiveName = eventSourceArn.split('/').pop() ?? eventSourceArn;
    const replay = bridge.startReplay({
      replayName: params.string('ReplayName'),
      archiveName,
      eventStartTime: epochMs(params.raw.EventStartTime),
      eventEndTime: epochMs(params.raw.EventEndTime),
      destinationArn: destination?.string('Arn') ?? params.string('Destination'),
      filterArns: destination?.optionalStringList('FilterArns'),
    });
    // AWS answers STARTING; a local replay has completed by the time DescribeReplay can ask.
    return { ReplayArn: replay.replayArn, State: 'STARTING', ReplayStartTime: replay.startedAt / 1000 };
  },

  ListReplays: (params, { bridge }) => {
    const prefix = params.optionalString('NamePrefix') ?? '';
    const source = params.optionalString('EventSourceArn');
    return {
      Replays: bridge
        .listReplays()
        .filter(
          (replay) =>
            replay.replayName.startsWith(prefix) && (source === undefined || replay.eventSourceArn === source),
        )
        .map((replay) => ({
          ReplayName: replay.replayName,
          EventSourceArn: replay.eventSourceArn,
          State: replay.state,
          EventStartTime: replay.input.eventStartTime / 1000,
          EventEndTime: replay.input.eventEndTime / 1000,
          EventLastReplayedTime: replay.input.eventEndTime / 1000,
          ReplayStartTime: replay.startedAt / 1000,
          ReplayEndTime: replay.startedAt / 1000,
        })),
    };
  },

  DescribeReplay: (params, { bridge }) => {
    const replay = bridge.getReplay(params.string('ReplayName'));
    return {
      ReplayName: replay.replayName,
      ReplayArn: replay.replayArn,
      EventSourceArn: replay.eventSourceArn,
      State: replay.state,
      Destination: {
        Arn: replay.input.destinationArn,
        ...(replay.input.filterArns ? { FilterArns: replay.input.filterArns } : {}),
      },
      EventStartTime: replay.input.eventStartTime / 1000,
      EventEndTime: replay.input.eventEndTime / 1000,
      EventLastReplayedTime: replay.input.eventEndTime / 1000,
      ReplayStartTime: replay.startedAt / 1000,
      ReplayEndTime: replay.startedAt / 1000,
    };
  },
};

/** A JSON 1.1 timestamp (epoch seconds, or an ISO string) in ms; NaN when it is neither. */
function epochMs(value: unknown): number {
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') return Date.parse(value);
  return Number.NaN;
}
