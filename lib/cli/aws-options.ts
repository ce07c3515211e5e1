import { Option, type Command } from 'commander';
import { VARIANTS, busName, type Variant } from '../contracts';
import { UsageError } from './cli-errors';

/** Where a command talks to AWS (or to the local cloud): resolved from the common options. */
export interface AwsTarget {
  readonly variant: Variant;
  readonly stage?: string;
  /** The event bus: `--bus`, or the variant's bus for the stage. */
  readonly busName: string;
  readonly region: string;
  readonly profile?: string;
  /** An endpoint URL for every service, such as the local cloud's `http://127.0.0.1:4566`. */
  readonly endpoint?: string;
  /** `--local`: the local cloud's default endpoint, signed with the dummy credentials. */
  readonly local?: boolean;
}

/** The common options as commander parses them. */
export interface AwsOptionValues {
  readonly variant: Variant;
  readonly stage?: string;
  readonly bus?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly local?: boolean;
}

/** What `--local` means: `choreo local`'s default endpoint (never chosen unless asked for). */
export const LOCAL_ENDPOINT_URL = 'http://127.0.0.1:4566';

const STAGE_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

/** Adds the options every command that talks to AWS shares. */
export function addAwsOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--variant <variant>', 'the saga variant to talk to').choices(VARIANTS).default('choreography'),
    )
    .option('--stage <name>', 'the stage prefix the app was deployed with (cdk -c stage=<name>)')
    .option('--bus <name>', "the event bus (default: the variant's bus, e.g. shop-choreography)")
    .option('--region <region>', 'the AWS region (default: AWS_REGION, else us-east-1)')
    .option('--profile <name>', 'a profile of your AWS config files')
    .addOption(
      new Option(
        '--endpoint <url>',
        'send every request to this endpoint, e.g. a local cloud on another port',
      ).conflicts('local'),
    )
    .option('--local', `talk to the local cloud at ${LOCAL_ENDPOINT_URL} (choreo local) with dummy credentials`);
}

/** Resolves the common options, with defaults from the environment. */
export function resolveAwsTarget(
  values: AwsOptionValues,
  env: Readonly<Record<string, string | undefined>>,
): AwsTarget {
  if (values.stage !== undefined && !STAGE_PATTERN.test(values.stage)) {
    throw new UsageError(`--stage must be letters, digits and '-' starting with a letter, got '${values.stage}'`);
  }
  if (values.endpoint !== undefined) assertHttpUrl(values.endpoint);
  const local = values.local === true;
  return {
    variant: values.variant,
    stage: values.stage,
    busName: values.bus ?? busName(values.variant, values.stage),
    region: values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    profile: values.profile,
    endpoint: local ? LOCAL_ENDPOINT_URL : values.endpoint,
    ...(local ? { local } : {}),
  };
}

function assertHttpUrl(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as http://127.0.0.1:4566, got '${endpoint}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--endpoint must be an http or https URL, got '${endpoint}'`);
  }
}
