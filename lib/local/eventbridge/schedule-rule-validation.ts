import { EventsValidationError } from './events-errors';
import {
  InvalidScheduleExpressionError,
  parseScheduleExpression,
  type ScheduleExpression,
} from './schedule-expression';

/**
 * The schedule of a rule as PutRule accepts it, with AWS's errors: only the default bus takes
 * schedules ("ScheduleExpression is supported only on the default event bus."), and an
 * expression AWS cannot parse (`rate(5 minutez)`, `rate(1 minutes)`, a five-field cron, both
 * day fields set) is "Parameter ScheduleExpression is not valid." — both `ValidationException`.
 */
export function validRuleSchedule(expression: string, busName: string): ScheduleExpression {
  if (busName !== 'default') {
    throw new EventsValidationError('ScheduleExpression is supported only on the default event bus.');
  }
  try {
    return parseScheduleExpression(expression);
  } catch (error) {
    if (error instanceof InvalidScheduleExpressionError) {
      throw new EventsValidationError('Parameter ScheduleExpression is not valid.');
    }
    throw error;
  }
}
