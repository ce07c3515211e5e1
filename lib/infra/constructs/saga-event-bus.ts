import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { busName, type Variant } from '../../contracts';
import { validateStage } from '../app-config';
import { InvalidInfraConfigError } from '../infra-errors';
import { allShopEventsPattern } from './all-events-pattern';
import { AuditLogGroupTarget } from './audit-log-group-target';
import { addDeadLetterQueue } from './dead-letter-queue';
import type { SagaDeploymentProps } from '../deployment-props';

/** Physical names of a variant's bus resources, so that other stacks find them without exports. */
export function sagaBusResourceNames(variant: Variant, stage?: string) {
  const name = busName(variant, stage);
  return {
    eventBus: name,
    archive: `${name}-archive`,
    auditLogGroup: `/aws/events/${name}-audit`,
    auditDeadLetterQueue: `${name}-audit-dlq`,
  } as const;
}

/** Props of {@link SagaEventBus}. */
export interface SagaEventBusProps extends SagaDeploymentProps {
  /** The saga variant whose events travel on this bus; names the bus (`shop-choreography`). */
  readonly variant: Variant;
  /**
   * How long the archive keeps every event for replay.
   * @default Duration.days(90)
   */
  readonly archiveRetention?: Duration;
  /**
   * How long the audit log group keeps every event.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly auditLogRetention?: logs.RetentionDays;
}

/**
 * The custom event bus of one saga variant, with an archive of all its events (for replay) and
 * a catch-all audit rule that copies every event to a CloudWatch log group.
 */
export class SagaEventBus extends Construct {
  /**
   * The bus of a variant, found by its fixed name: a stack that subscribes or publishes on it
   * needs no CloudFormation export, so the bus stack never blocks that stack's update or removal.
   *
   * @example const eventBus = SagaEventBus.fromVariant(this, 'Bus', 'choreography', props.stage);
   */
  static fromVariant(scope: Construct, id: string, variant: Variant, stage?: string): events.IEventBus {
    return events.EventBus.fromEventBusName(scope, id, busName(variant, stage));
  }

  /** The bus every service of the variant publishes to and subscribes on. */
  public readonly eventBus: events.EventBus;
  /** Every shop event, kept for `archiveRetention`, replayable onto the bus. */
  public readonly archive: events.Archive;
  /** Every shop event as one JSON log line, kept for `auditLogRetention`. */
  public readonly auditLogGroup: logs.LogGroup;
  /** The catch-all rule that feeds the audit log group. */
  public readonly auditRule: events.Rule;
  /** Events the audit rule could not write to the log group. */
  public readonly auditDeadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: SagaEventBusProps) {
    super(scope, id);
    validateStage(props.stage);
    const archiveRetention = props.archiveRetention ?? Duration.days(90);
    if (archiveRetention.toDays({ integral: false }) < 1) {
      throw new InvalidInfraConfigError(
        `archiveRetention must be at least one day, got '${archiveRetention.toHumanString()}'`,
      );
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const names = sagaBusResourceNames(props.variant, props.stage);
    const name = names.eventBus;
    const everyShopEvent = allShopEventsPattern(Stack.of(this).account);

    this.eventBus = new events.EventBus(this, 'Bus', {
      eventBusName: name,
      description: `Events of the ${props.variant} saga`,
    });

    this.archive = this.eventBus.archive('Archive', {
      archiveName: names.archive,
      description: `Every event on ${name}, for replay`,
      eventPattern: everyShopEvent,
      retention: archiveRetention,
    });
    this.archive.applyRemovalPolicy(removalPolicy);

    const auditLogGroupName = names.auditLogGroup;
    this.auditLogGroup = new logs.LogGroup(this, 'AuditLog', {
      logGroupName: auditLogGroupName,
      retention: props.auditLogRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy,
    });
    this.auditDeadLetterQueue = addDeadLetterQueue(this, 'AuditDeadLetterQueue', {
      source: 'rule-targets',
      queueName: names.auditDeadLetterQueue,
      removalPolicy,
    });
    this.auditRule = new events.Rule(this, 'AuditRule', {
      eventBus: this.eventBus,
      description: `Copies every event on ${name} to ${auditLogGroupName}`,
      eventPattern: everyShopEvent,
      targets: [new AuditLogGroupTarget(this.auditLogGroup, { deadLetterQueue: this.auditDeadLetterQueue })],
    });
  }
}
