import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { accessKeyIdForFunction } from '../../../lib/local/endpoint/caller-identity';
import { LocalCloud } from '../../../lib/local/local-cloud';
import { busName, serviceResourceNames } from '../../../lib/contracts';
import { TEST_ASSEMBLY_DIRECTORY } from '../../support/test-assembly';

/** SDK clients that sign as one of the app's functions, as the function's own code would. */
function clientsOf(cloud: LocalCloud, functionName: string) {
  const config = {
    endpoint: cloud.endpointUrl,
    region: cloud.model.region,
    credentials: { accessKeyId: accessKeyIdForFunction(functionName), secretAccessKey: 'local' },
  };
  return { eventBridge: new EventBridgeClient(config), dynamoDb: new DynamoDBClient(config) };
}

function orderEvent(source: string) {
  return {
    EventBusName: busName('choreography'),
    Source: source,
    DetailType: 'OrderConfirmed',
    Detail: JSON.stringify({ forged: true }),
  };
}

describe('local IAM enforcement of the synthesized policies', () => {
  let cloud: LocalCloud;
  const notifications = serviceResourceNames('choreography', 'notifications').functionName;
  const orders = serviceResourceNames('choreography', 'orders').functionName;

  beforeAll(async () => {
    cloud = await LocalCloud.start({ assemblyDirectory: TEST_ASSEMBLY_DIRECTORY, port: 0 });
  });

  afterAll(async () => {
    await cloud?.stop();
  });

  it('denies PutEvents to a function that has no PutEvents grant, naming the missing permission', async () => {
    const { eventBridge } = clientsOf(cloud, notifications);

    const call = eventBridge.send(new PutEventsCommand({ Entries: [orderEvent('shop.notifications')] }));

    await expect(call).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('is not authorized to perform: events:PutEvents'),
    });
    expect(cloud.trace.events('access.denied')).toContainEqual(
      expect.objectContaining({ caller: notifications, action: 'events:PutEvents' }),
    );
  });

  it("denies a service publishing under another service's source (the events:source condition)", async () => {
    const { eventBridge } = clientsOf(cloud, orders);

    const call = eventBridge.send(new PutEventsCommand({ Entries: [orderEvent('shop.payments')] }));

    await expect(call).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('allows a service publishing under its own source on its bus', async () => {
    const { eventBridge } = clientsOf(cloud, orders);

    const result = await eventBridge.send(new PutEventsCommand({ Entries: [orderEvent('shop.orders')] }));

    expect(result.FailedEntryCount).toBe(0);
  });

  it("denies a function reading another service's table", async () => {
    const { dynamoDb } = clientsOf(cloud, notifications);

    const call = dynamoDb.send(
      new GetItemCommand({
        TableName: serviceResourceNames('choreography', 'payments').table,
        Key: { pk: { S: 'CUSTOMER#cus-ada' }, sk: { S: 'CUSTOMER' } },
      }),
    );

    await expect(call).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('dynamodb:GetItem'),
    });
  });

  it('lets callers outside the app (the operator) through', async () => {
    const client = new EventBridgeClient({
      endpoint: cloud.endpointUrl,
      region: cloud.model.region,
      credentials: { accessKeyId: 'operator', secretAccessKey: 'local' },
    });

    const result = await client.send(new PutEventsCommand({ Entries: [orderEvent('shop.payments')] }));

    expect(result.FailedEntryCount).toBe(0);
  });
});
