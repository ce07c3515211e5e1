import type { LocalQueue, ReceivedMessage } from '../../../lib/local/sqs';

/** How often a wait below looks at the queue again, in wall milliseconds. */
const POLL_WALL_MS = 10;

/** Waits in wall time until the queue holds a message and returns it (received, not deleted), or gives up. */
export async function firstMessageWithin(queue: LocalQueue, withinWallMs = 3000): Promise<ReceivedMessage | undefined> {
  const deadline = Date.now() + withinWallMs;
  while (Date.now() < deadline) {
    const [message] = await queue.receive({ maxNumberOfMessages: 1, waitTimeMs: 0, receiver: 'test' });
    if (message) return message;
    await new Promise((resolve) => setTimeout(resolve, POLL_WALL_MS));
  }
  return undefined;
}

/** Receives and deletes messages until `count` bodies came or the wall time is up; returns the bodies in order. */
export async function receiveBodies(queue: LocalQueue, count: number, withinWallMs = 3000): Promise<string[]> {
  const bodies: string[] = [];
  const deadline = Date.now() + withinWallMs;
  while (bodies.length < count && Date.now() < deadline) {
    for (const message of await queue.receive({ maxNumberOfMessages: 10, waitTimeMs: 0, receiver: 'test' })) {
      bodies.push(message.body);
      queue.delete(message.receiptHandle);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_WALL_MS));
  }
  return bodies;
}
