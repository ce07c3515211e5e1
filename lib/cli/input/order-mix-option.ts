import { InvalidArgumentError } from 'commander';
import { ORDER_SCENARIOS, type OrderMix, type OrderScenario } from '../../seed/order-generator';

/**
 * Parses `--mix confirmed=8,out-of-stock=1,payment-declined=1` into generator weights; scenarios
 * left out weigh 0.
 */
export function parseOrderMix(value: string): OrderMix {
  const mix: Partial<Record<OrderScenario, number>> = {};
  for (const part of value.split(',')) {
    const [name, weightText, ...rest] = part.split('=').map((piece) => piece.trim());
    const weight = Number(weightText);
    if (
      !name ||
      weightText === undefined ||
      weightText === '' ||
      rest.length > 0 ||
      !Number.isFinite(weight) ||
      weight < 0
    ) {
      throw new InvalidArgumentError(
        `expected scenario=weight pairs such as 'confirmed=8,out-of-stock=1', got '${part}'`,
      );
    }
    if (!(ORDER_SCENARIOS as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(`unknown scenario '${name}'; known: ${ORDER_SCENARIOS.join(', ')}`);
    }
    mix[name as OrderScenario] = weight;
  }
  if (!Object.values(mix).some((weight) => weight > 0)) {
    throw new InvalidArgumentError(`at least one scenario needs a weight above 0, got '${value}'`);
  }
  return mix;
}
