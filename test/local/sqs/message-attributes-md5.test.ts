import fixtures from '../../fixtures/local/sqs-message-attribute-md5.json';
import { md5OfMessageAttributes, type MessageAttributes } from '../../../lib/local/sqs';

/** Attributes and the MD5OfMessageAttributes SQS answers for them. */
const cases = fixtures as unknown as { description: string; attributes: MessageAttributes; md5: string }[];

describe('md5OfMessageAttributes', () => {
  it.each(cases)('computes the MD5 SQS returns for $description', ({ attributes, md5 }) => {
    // Act
    const computed = md5OfMessageAttributes(attributes);

    // Assess
    expect(computed).toBe(md5);
  });

  it('leaves the MD5 out when there are no attributes', () => {
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});
