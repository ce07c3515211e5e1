/**
 * The parts of a CloudFormation template the assembly reader looks at. Values are `unknown`
 * until resolved: any of them may be an intrinsic function.
 */
export interface CfnTemplate {
  readonly Parameters?: Readonly<Record<string, CfnParameter>>;
  readonly Mappings?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly Conditions?: Readonly<Record<string, unknown>>;
  readonly Resources?: Readonly<Record<string, CfnResource>>;
  readonly Outputs?: Readonly<Record<string, CfnOutput>>;
}

export interface CfnParameter {
  readonly Type: string;
  readonly Default?: unknown;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Condition?: string;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

export interface CfnOutput {
  readonly Value: unknown;
  readonly Condition?: string;
  readonly Export?: { readonly Name: unknown };
}

/** One stack of the assembly, as the model builder takes it (no file access needed). */
export interface StackInput {
  readonly stackName: string;
  /** @default - the stack name */
  readonly artifactId?: string;
  readonly template: CfnTemplate;
  readonly templateFile?: string;
  /** Stack names (or artifact ids) this stack depends on. @default - none */
  readonly dependencies?: readonly string[];
  /**
   * Absolute paths of the file assets published with the stack, by S3 object key
   * (`<hash>.zip`), from the stack's asset manifest. @default - none
   */
  readonly assetPaths?: Readonly<Record<string, string>>;
  /** Directory `aws:asset:path` metadata is relative to. @default - asset metadata is ignored */
  readonly assemblyDirectory?: string;
}
