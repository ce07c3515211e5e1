import { App, type AppProps } from 'aws-cdk-lib';

/** An app holding one saga variant, with the config read from its context and the stacks added. */
export interface VariantApp<Config, Stacks> {
  readonly app: App;
  readonly config: Config;
  readonly stacks: Stacks;
}

/**
 * Builds one variant in a new App with the given context: the same stacks bin/app.ts deploys.
 * Tests pass `{ 'aws:cdk:bundling-stacks': [] }` so that NodejsFunction skips esbuild.
 */
export function buildVariantApp<Config, Stacks>(
  context: Record<string, unknown>,
  props: Omit<AppProps, 'context'>,
  readConfig: (app: App) => Config,
  addStacks: (app: App, config: Config) => Stacks,
): VariantApp<Config, Stacks> {
  const app = new App({ ...props, context });
  const config = readConfig(app);
  return { app, config, stacks: addStacks(app, config) };
}
