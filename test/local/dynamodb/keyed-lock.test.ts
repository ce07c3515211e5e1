import { KeyedLock } from '../../../lib/local/dynamodb/keyed-lock';

describe('KeyedLock', () => {
  it('hands a key to waiters first come, first served', async () => {
    // Prepare
    const lock = new KeyedLock();
    const order: string[] = [];
    const first = await lock.acquire(['stock']);

    // Act
    const waiters = ['b', 'c'].map((name) =>
      lock.withLock(['stock'], async () => {
        order.push(name);
      }),
    );
    order.push('a');
    first();
    await Promise.all(waiters);

    // Assess
    expect(order).toEqual(['a', 'b', 'c']);
    expect(lock.heldCount).toBe(0);
  });

  it('does not deadlock holders that name overlapping keys in opposite orders', async () => {
    // Prepare
    const lock = new KeyedLock();
    const work = () => new Promise((resolve) => setImmediate(resolve));

    // Act
    const settled = await Promise.all([
      lock.withLock(['x', 'y'], work).then(() => 'xy'),
      lock.withLock(['y', 'x'], work).then(() => 'yx'),
    ]);

    // Assess
    expect(settled).toEqual(['xy', 'yx']);
  });

  it('keeps other keys free while one is held', async () => {
    // Prepare
    const lock = new KeyedLock();
    const release = await lock.acquire(['a']);

    // Act
    const other = await lock.withLock(['b'], async () => 'ran');

    // Assess
    expect(other).toBe('ran');
    release();
  });
});
