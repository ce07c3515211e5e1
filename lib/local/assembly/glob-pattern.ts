/**
 * Compiles a glob of the kind `cdk.json`'s `watch.include`/`watch.exclude` hold (`bin/**`,
 * `**\/*.d.ts`, `node_modules`) into a test on a `/`-separated path relative to the project:
 * `**` spans directories, `*` and `?` stay within one, a pattern without `/` also matches a
 * directory of that name at any depth (as `cdk watch` treats `node_modules`).
 */
export function compileGlob(pattern: string): (relativePath: string) => boolean {
  const normalized = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  let source = '';
  for (let index = 0; index < normalized.length; index++) {
    const char = normalized[index] as string;
    if (char === '*' && normalized[index + 1] === '*') {
      const slash = normalized[index + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  const anywhere = !normalized.includes('/');
  const expression = new RegExp(anywhere ? `^(?:.*/)?${source}(?:/.*)?$` : `^${source}(?:/.*)?$`);
  return (relativePath) => expression.test(relativePath);
}
