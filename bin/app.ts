#!/usr/bin/env node
/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy --all`). Context:
 *   -c stage=dev               prefix stack and resource names (dev-Choreography-Bus, dev-shop-choreography)
 *   -c removalPolicy=destroy   throwaway stage: `cdk destroy --all` deletes tables, queues, logs, archive
 *   -c alarmEmail=ops@example.com  subscribe an address to the alarm topic
 */
import { App } from 'aws-cdk-lib';
import { addChoreographyStacks, applyNagPacks, readAppConfig } from '../lib/infra';

const app = new App();
addChoreographyStacks(app, readAppConfig(app.node));
applyNagPacks(app);
app.synth();
