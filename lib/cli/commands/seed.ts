import type { Command } from 'commander';
import { seedTables } from '../../seed/seed-tables';
import { createAwsClients } from '../aws-clients';
import { addAwsOptions, resolveAwsTarget, type AwsOptionValues } from '../aws-options';
import type { CliContext } from '../cli-context';

interface SeedOptions extends AwsOptionValues {
  readonly json?: boolean;
}

/** `choreo seed`: writes the seed stock and customers into the variant's inventory and payments tables. */
export function registerSeedCommand(program: Command, context: CliContext): void {
  const command = program
    .command('seed')
    .description("write the seed stock and customers into the variant's inventory and payments tables")
    .option('--json', 'print the result as JSON');
  addAwsOptions(command).action(async (options: SeedOptions) => {
    const target = resolveAwsTarget(options, context.env);
    const result = await seedTables({
      documentClient: createAwsClients(target, context.env).documentClient,
      variant: target.variant,
      stage: target.stage,
    });
    if (options.json) {
      context.print(JSON.stringify(result, null, 2));
      return;
    }
    context.print(`seeded ${result.stockItems} stock item(s) into '${result.inventoryTable}'`);
    context.print(`seeded ${result.customers} customer(s) into '${result.paymentsTable}'`);
  });
}
