import { buildAppModel, UNRESOLVED_PREFIX } from '../../../lib/local/assembly';
import template from '../../fixtures/local-app/templates/intrinsics.template.json';

const ENDPOINT = 'http://127.0.0.1:4590';

function build(options: { parameters?: Record<string, Record<string, string>> } = {}) {
  return buildAppModel([{ stackName: 'Intrinsics', template }], {
    region: 'eu-west-1',
    endpointUrl: ENDPOINT,
    ...options,
  });
}

describe('buildAppModel', () => {
  const model = build();
  const inline = model.functions.find((fn) => fn.logicalId === 'Inline');

  it('resolves both forms of Fn::Sub, keeping ${!Literal} as literal text', () => {
    // Prepare / Act: the model is built once above.
    // Assess
    expect(inline?.environment.GREETING).toBe('Hello b from eu-west-1, not ${Literal}');
    expect(model.queues.find((queue) => queue.logicalId === 'Orders')?.name).toBe('dev-orders');
  });

  it('resolves Fn::Select over Fn::Split and Fn::GetAZs, Fn::FindInMap and pseudo parameters', () => {
    expect(inline?.environment.SHORT_ZONE).toBe('eu');
    expect(inline?.memorySizeMb).toBe(256);
    expect(inline?.environment.STACK).toBe('Intrinsics');
  });

  it('evaluates nested conditions in Fn::If', () => {
    expect(inline?.environment.HOME).toBe('yes');
  });

  it('drops a member that resolves to AWS::NoValue', () => {
    const orders = model.queues.find((queue) => queue.logicalId === 'Orders');
    expect(orders?.kmsMasterKeyId).toBeUndefined();
    expect(orders?.attributes).not.toHaveProperty('KmsMasterKeyId');
    expect(orders?.visibilityTimeoutSeconds).toBe(45);
  });

  it('takes a parameter value given for the stack over its default', () => {
    const prod = build({ parameters: { Intrinsics: { Stage: 'prod' } } });
    const orders = prod.queues.find((queue) => queue.logicalId === 'Orders');
    expect(orders?.name).toBe('prod-orders');
    expect(orders?.kmsMasterKeyId).toBe('alias/aws/sqs');
    expect(prod.queues.map((queue) => queue.logicalId)).toContain('ProdOnlyQueue');
  });

  it('skips resources and outputs whose condition is false', () => {
    expect(model.queues.map((queue) => queue.logicalId)).not.toContain('ProdOnlyQueue');
    expect(model.stacks[0]?.outputs).toEqual({ OrdersUrl: `${ENDPOINT}/000000000000/dev-orders` });
  });

  it('names a FIFO queue with the .fifo suffix and keeps generated names within the length limit', () => {
    const fifo = model.queues.find((queue) => queue.logicalId === 'Events');
    const long = model.queues.find((queue) => queue.logicalId.startsWith('AQueueWithAVeryLong'));
    expect(fifo?.name).toBe('Intrinsics-Events.fifo');
    expect(fifo?.attributes).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    expect(inline?.environment.FIFO_URL).toBe(`${ENDPOINT}/000000000000/Intrinsics-Events.fifo`);
    expect(long?.name.length).toBeLessThanOrEqual(80);
    expect(long?.name).toMatch(/^Intrinsics-AQueueWithAVeryLong.*-[0-9A-F]{8}$/);
  });

  it('puts a rule without EventBusName on the default bus and parses a pattern given as text', () => {
    const rule = model.rules[0];
    expect(rule?.eventBusName).toBe('default');
    expect(rule?.arn).toBe('arn:aws:events:eu-west-1:000000000000:rule/Intrinsics-DefaultBusRule');
    expect(rule?.eventPattern).toEqual({ source: ['shop.orders'] });
    expect(rule?.targets).toEqual([
      { id: 'Queue', arn: 'arn:aws:sqs:eu-west-1:000000000000:dev-orders', inputPath: '$.detail' },
      { id: 'Fixed', arn: 'arn:aws:sqs:eu-west-1:000000000000:dev-orders', input: '{"fixed":true}' },
    ]);
  });

  it('keeps inline code and reports a function whose asset is not in the assembly', () => {
    const missing = model.functions.find((fn) => fn.logicalId === 'Missing');
    expect(inline?.code).toEqual({ kind: 'inline', source: "exports.handler = async () => 'inline';" });
    expect(missing?.code.kind).toBe('missing');
    expect(model.warnings).toContainEqual(expect.objectContaining({ code: 'missing-asset', logicalId: 'Missing' }));
  });

  it('reports an attribute it cannot resolve as a warning and a placeholder, not a failure', () => {
    expect(inline?.roleArn.startsWith(UNRESOLVED_PREFIX)).toBe(true);
    expect(model.warnings).toContainEqual(
      expect.objectContaining({
        code: 'unresolved-reference',
        logicalId: 'Inline',
        message: 'cannot resolve Fn::GetAtt Custom.RoleArn',
      }),
    );
  });

  it('lists each unsupported resource type once, with every resource of the type', () => {
    expect(model.unsupportedResourceTypes).toEqual([
      { type: 'Custom::LogRetention', resources: ['Intrinsics/Custom'] },
      { type: 'AWS::KMS::Key', resources: ['Intrinsics/Key', 'Intrinsics/OtherKey'] },
    ]);
  });

  it('maps a GlobalTable onto the Table shape the local DynamoDB creates tables from', () => {
    const table = model.tables[0];
    expect(table?.name).toBe('global-orders');
    expect(table?.timeToLive).toEqual({ attributeName: 'ttl', enabled: true });
    expect(table?.properties).toEqual({
      TableName: 'global-orders',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'gsi', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: 'true' },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byGsi',
          KeySchema: [{ AttributeName: 'gsi', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });

  it('names resources the same way on every build', () => {
    expect(build().queues.map((queue) => queue.name)).toEqual(model.queues.map((queue) => queue.name));
  });
});
