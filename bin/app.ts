#!/usr/bin/env node
/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy --all`): both saga variants. Context:
 *   -c stage=dev               prefix stack and resource names (dev-Choreography-Bus, dev-shop-choreography)
 *   -c removalPolicy=destroy   throwaway stage: `cdk destroy --all` deletes tables, queues, logs, archive
 *   -c alarmEmail=ops@example.com  subscribe an address to the alarm topics
 *   -c workflowType=EXPRESS    run the orchestrated saga as an EXPRESS state machine (default STANDARD)
 */
import { App } from 'aws-cdk-lib';
import { addChoreographyStacks, applyNagPacks, readAppConfig } from '../lib/infra';
import { addOrchestrationStacks, readOrchestrationConfig } from '../lib/infra/orchestration-app';

const app = new App();
addChoreographyStacks(app, readAppConfig(app.node));
addOrchestrationStacks(app, readOrchestrationConfig(app));
applyNagPacks(app);
app.synth();
