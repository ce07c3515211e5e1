import { readableCause } from '../../lib/saga/saga-run';

describe('the cause of a failed execution, as the saga summary shows it', () => {
  it('shows a Lambda task error as its type and message, without the stack trace', () => {
    // Prepare
    const cause = JSON.stringify({
      errorType: 'InvalidTaskInputError',
      errorMessage: 'invalid input for the orders task',
      trace: ['at parseTaskInput (task-input.ts:80:11)'],
    });

    // Act
    const readable = readableCause(cause);

    // Assess
    expect(readable).toBe('InvalidTaskInputError: invalid input for the orders task');
  });

  it('shows a cause written by hand as it is', () => {
    // Act
    const readable = readableCause('a compensating step failed');

    // Assess
    expect(readable).toBe('a compensating step failed');
  });

  it('shows nothing when the execution gave no cause', () => {
    // Act & Assess
    expect(readableCause(undefined)).toBe('');
  });
});
