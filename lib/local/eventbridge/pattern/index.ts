/**
 * The EventBridge pattern engine of the local cloud: AWS's validation (with AWS's messages),
 * content filtering with every operator, and an index that matches an event against many rules
 * at a cost that does not grow with the number of rules.
 */
export { InvalidEventPatternError, INVALID_PATTERN_PREFIX } from './invalid-event-pattern-error';
export { compileEventPattern, type CompiledEventPattern } from './compile-event-pattern';
export { RuleIndex } from './rule-index';
export { withDottedKeysExpanded } from './event-access';
