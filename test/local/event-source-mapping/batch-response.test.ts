import { judgeBatchResponse } from '../../../lib/local/event-source-mapping';

const IDS = ['m-1', 'm-2', 'm-3'];

describe('judgeBatchResponse', () => {
  it.each([
    ['a null response', null],
    ['an undefined response', undefined],
    ['an empty response', {}],
    ['an empty batchItemFailures', { batchItemFailures: [] }],
    ['a null batchItemFailures', { batchItemFailures: null }],
  ])('treats %s as complete success', (_name, response) => {
    expect(judgeBatchResponse(response, IDS, true)).toEqual({ succeeded: IDS, failed: [] });
  });

  it('fails only the listed items', () => {
    expect(judgeBatchResponse({ batchItemFailures: [{ itemIdentifier: 'm-2' }] }, IDS, true)).toEqual({
      succeeded: ['m-1', 'm-3'],
      failed: ['m-2'],
    });
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a bad key name', { batchItemFailures: [{ itemId: 'm-1' }] }],
    ['an unknown message id', { batchItemFailures: [{ itemIdentifier: 'm-9' }] }],
    ['batchItemFailures that is not a list', { batchItemFailures: { itemIdentifier: 'm-1' } }],
    ['a response that is not an object', 'done'],
  ])('fails the whole batch for %s', (_name, response) => {
    const verdict = judgeBatchResponse(response, IDS, true);
    expect(verdict.succeeded).toEqual([]);
    expect(verdict.failed).toEqual(IDS);
    expect(verdict.invalidResponse).toBeDefined();
  });

  it('ignores the response when ReportBatchItemFailures is off', () => {
    expect(judgeBatchResponse({ batchItemFailures: [{ itemIdentifier: 'm-1' }] }, IDS, false)).toEqual({
      succeeded: IDS,
      failed: [],
    });
  });
});
