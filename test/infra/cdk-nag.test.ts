import type { PolicyViolation } from 'aws-cdk-lib';
import type { NagPack } from 'cdk-nag';
import { applyNagPacks, buildChoreographyApp } from '../../lib/infra';
import { CONTEXTS, NO_BUNDLING } from './app-builder';

describe('cdk-nag over the whole app (AwsSolutions + Serverless)', () => {
  let packs: NagPack[];
  let built: ReturnType<typeof buildChoreographyApp>;
  let synthError: unknown;

  beforeAll(() => {
    // alarmEmail adds the subscription and its DLQ: the fullest app.
    built = buildChoreographyApp(
      { ...NO_BUNDLING, ...CONTEXTS.throwawayStage },
      { builtinCloudFormationValidation: false },
    );
    packs = applyNagPacks(built.app);
    try {
      built.app.synth();
    } catch (error) {
      synthError = error;
    }
  });

  it('synthesizes with the packs registered as validation plugins', () => {
    expect(synthError).toBeUndefined();
  });

  it('registers the AwsSolutions and Serverless packs', () => {
    expect(packs.map((pack) => pack.readPackName).sort()).toEqual(['AwsSolutions', 'Serverless']);
  });

  it('reports no unacknowledged error or warning', () => {
    const findings = packs
      .flatMap((pack) => pack.validateScope(built.app).violations)
      .map(
        (violation: PolicyViolation) =>
          `${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
      );
    expect(findings).toEqual([]);
  });
});
