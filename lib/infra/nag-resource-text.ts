/** A resolved value as cdk-nag writes it in a finding id: intrinsics as `<Logical.Attr>` / `<AWS::Region>`. */
export function nagResourceText(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(nagResourceText).join(separator);
  }
  if ('Ref' in object) return `<${String(object['Ref'])}>`;
  if ('Fn::GetAtt' in object) return `<${(object['Fn::GetAtt'] as string[]).join('.')}>`;
  return JSON.stringify(value);
}
