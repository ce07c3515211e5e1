import { Validations, type Stage } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';

/**
 * Registers the cdk-nag packs this project holds itself to (AWS Solutions and Serverless) as
 * policy-validation plugins of the app: `cdk synth` then fails on any unacknowledged error and
 * lists warnings. Returns the packs, so that a test can run `pack.validateScope(app)` and see
 * warnings as well as errors.
 *
 * Acknowledgements live next to the resource they concern (`Validations.of(x).acknowledge`).
 */
export function applyNagPacks(app: Stage): NagPack[] {
  const packs: NagPack[] = [
    new AwsSolutionsChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  ];
  Validations.of(app).addPlugins(...packs);
  return packs;
}
