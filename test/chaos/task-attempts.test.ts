import definition from '../fixtures/chaos/retrying-definition.json';
import { taskAttemptsOf } from '../../lib/chaos';

describe('task attempts of a state machine definition', () => {
  it('gives each Task one attempt plus the retries of its most generous Retrier, nested Tasks included', () => {
    // Act
    const attempts = taskAttemptsOf(JSON.stringify(definition));
    // Assess
    expect(Object.fromEntries(attempts)).toEqual({ RecordOrder: 6, Emit: 4, Notify: 1 });
  });

  it('finds no Tasks in a definition that is not JSON', () => {
    expect(taskAttemptsOf('not json').size).toBe(0);
  });
});
