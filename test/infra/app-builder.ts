import { Template } from 'aws-cdk-lib/assertions';
import { buildChoreographyApp, type ChoreographyApp, type ChoreographyStacks } from '../../lib/infra';
import contexts from '../fixtures/infra/contexts.json';

/** Context that makes NodejsFunction skip esbuild: tests never bundle Lambda code. */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

/** Named contexts from test/fixtures/infra/contexts.json. */
export const CONTEXTS: Readonly<Record<keyof typeof contexts, Record<string, unknown>>> = contexts;

/** Templates of the choreographed variant, by stack name. */
export interface BuiltApp extends ChoreographyApp {
  readonly templates: ReadonlyMap<string, Template>;
}

/**
 * Builds the app as bin/app.ts does, without bundling and without the CDK's built-in
 * CloudFormation validation (it takes ~10 s per synth; `npx cdk synth` still runs it).
 */
export function buildTestApp(context: Record<string, unknown> = {}): BuiltApp {
  const built = buildChoreographyApp({ ...NO_BUNDLING, ...context }, { builtinCloudFormationValidation: false });
  const templates = new Map(allStacksOf(built.stacks).map((stack) => [stack.stackName, Template.fromStack(stack)]));
  return { ...built, templates };
}

export function allStacksOf(stacks: ChoreographyStacks) {
  return [stacks.bus, ...Object.values(stacks.services), stacks.operations];
}

/** A CloudFormation resource as a template holds it. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** Every resource of a type in one template, by logical id. */
export function resourcesOf(template: Template, type: string): [string, TemplateResource][] {
  return Object.entries(template.findResources(type) as Record<string, TemplateResource>);
}

/** A policy statement found in a template, with where it was found. */
export interface FoundStatement {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly statement: Record<string, unknown>;
}

/** Every policy statement of every template: IAM policies and roles, and resource policies. */
export function allStatements(templates: ReadonlyMap<string, Template>): FoundStatement[] {
  const found: FoundStatement[] = [];
  for (const [stack, template] of templates) {
    for (const [logicalId, resource] of Object.entries(
      template.toJSON()['Resources'] as Record<string, TemplateResource>,
    )) {
      const properties = resource.Properties ?? {};
      const documents = [
        properties['PolicyDocument'],
        properties['KeyPolicy'],
        properties['AssumeRolePolicyDocument'],
        ...((properties['Policies'] as { PolicyDocument: unknown }[] | undefined) ?? []).map((p) => p.PolicyDocument),
      ];
      // A CloudWatch Logs resource policy holds its document as JSON text, tokens joined in.
      const policyText = joinedText(properties['PolicyDocument']);
      if (policyText !== undefined) {
        documents.push(JSON.parse(policyText));
      }
      for (const document of documents) {
        const statements = (document as { Statement?: Record<string, unknown>[] } | undefined)?.Statement ?? [];
        for (const statement of statements) {
          found.push({ stack, logicalId, type: resource.Type, statement });
        }
      }
    }
  }
  return found;
}

/** A value or a list of values, as a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The text of a string or an `Fn::Join` of strings, with every token as `TOKEN`. */
function joinedText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (join === undefined) {
    return undefined;
  }
  return join[1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join(join[0]);
}
