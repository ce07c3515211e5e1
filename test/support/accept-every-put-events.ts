import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** Answers every PutEvents on the mocked client by accepting all entries, with envelope ids `eb-<call>-<position>`. */
export function acceptEveryPutEvents(eventBridge: AwsClientStub<EventBridgeClient>): void {
  let call = 0;
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    call += 1;
    return {
      FailedEntryCount: 0,
      Entries: input.Entries.map((_, position) => ({ EventId: `eb-${call}-${position}` })),
    };
  });
}
