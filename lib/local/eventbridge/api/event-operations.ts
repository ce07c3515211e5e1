import { EventsValidationError } from '../events-errors';
import type { PutEventsEntry } from '../put-events-entry';
import type { EventsOperation } from './events-operation';

/** PutEvents and TestEventPattern. */
export const EVENT_OPERATIONS: Record<string, EventsOperation> = {
  PutEvents: (params, { bridge, caller }) => {
    const entries = params.objectList('Entries', true).map((entry) => entry.raw as PutEventsEntry);
    return bridge.putEvents(entries, caller.principal);
  },

  TestEventPattern: (params, { bridge }) => {
    const pattern = params.string('EventPattern');
    const eventText = params.string('Event');
    let event: unknown;
    try {
      event = JSON.parse(eventText);
    } catch {
      throw new EventsValidationError('Parameter Event is not valid.');
    }
    return { Result: bridge.testEventPattern(pattern, event) };
  },
};
