import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import cancelledItem from '../fixtures/cli/order-item-cancelled.json';
import { LOCAL, choreo } from './run-cli';

const dynamo = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  dynamo.reset();
});

describe('choreo order', () => {
  it('prints the status, the reason and every step of the history', async () => {
    dynamo.on(GetCommand).resolves({ Item: cancelledItem });

    const run = await choreo(['order', 'ord-1001', ...LOCAL]);

    expect(run.code).toBe(0);
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, { TableName: 'shop-choreography-orders' });
    expect(run.stdout).toContain(
      'status    CANCELLED (PAYMENT_DECLINED: payment declined: LIMIT_EXCEEDED; stock released)',
    );
    expect(run.stdout).toContain('1 × sku-laptop @ 1499.00 EUR');
    for (const change of cancelledItem.history) {
      expect(run.stdout).toMatch(
        new RegExp(`${change.status}\\s+${change.at}\\s+${change.detailType}\\s+${change.eventId}`),
      );
    }
  });

  it('prints the record as JSON, without the table keys', async () => {
    dynamo.on(GetCommand).resolves({ Item: cancelledItem });

    const run = await choreo(['order', 'ord-1001', '--variant', 'orchestration', '--json', ...LOCAL]);

    const { pk: _pk, sk: _sk, entity: _entity, version: _version, ...record } = cancelledItem;
    expect(JSON.parse(run.stdout)).toEqual(record);
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, { TableName: 'shop-orchestration-orders' });
  });

  it('exits 1 saying where it looked when the order does not exist', async () => {
    dynamo.on(GetCommand).resolves({});

    const run = await choreo(['order', 'ord-missing', '--stage', 'dev', ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: order 'ord-missing' not found in table 'dev-shop-choreography-orders'\n");
  });

  it('exits 1 with one line when the endpoint is unreachable', async () => {
    dynamo
      .on(GetCommand)
      .rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }));

    const run = await choreo(['order', 'ord-1001', ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: connect ECONNREFUSED 127.0.0.1:4566 (is the endpoint running and reachable?)\n');
  });
});
