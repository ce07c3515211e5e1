import { validationMessage, validationParameterErrors } from '../../../lib/local/endpoint/validation-message';

// Wording as CloudWatch Logs answered a PutLogEvents without a timestamp
// (amazon-archives/cloudwatch-logs-centralize-logs#5) and a bad logGroupNamePrefix
// (aws/serverless-application-model#182): the value quoted, a missing one bare.
describe('the AWS validation message', () => {
  it('writes a missing member as Value null', () => {
    expect(validationMessage('logEvents.1.member.timestamp', null, 'Member must not be null')).toBe(
      "1 validation error detected: Value null at 'logEvents.1.member.timestamp' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers a mistyped member with its JSON value, cut at 100 characters, in the service error', () => {
    // Arrange
    const errors = validationParameterErrors((message) => new RangeError(message));

    // Act
    const error = errors.invalid('limit', 'x'.repeat(200), 'an integer');

    // Assess
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(
      `1 validation error detected: Value '"${'x'.repeat(99)}' at 'limit' failed to satisfy constraint: Member must be an integer`,
    );
  });

  it('names the member as the service does (EventBridge: first letter lower case)', () => {
    const errors = validationParameterErrors(
      (message) => new Error(message),
      (name) => name.charAt(0).toLowerCase() + name.slice(1),
    );
    expect(errors.missing('EventBusName').message).toContain("at 'eventBusName'");
  });
});
