import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeWithoutBundling } from '../../lib/diagram';
import { SynthesisError } from '../../lib/local/assembly';
import { temporaryDirectoryForEachTest } from '../support/temporary-directory';

/**
 * A stand-in for a CDK app, run as cdk.json's `app` command: it writes down the environment the
 * CLI would have given it, then the manifest a synthesis writes (unless told to fail).
 */
const RECORDING_APP = `
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const outdir = process.env.CDK_OUTDIR;
writeFileSync(join(outdir, 'seen.json'), JSON.stringify({
  context: JSON.parse(process.env.CDK_CONTEXT_JSON),
  validation: process.env.CDK_VALIDATION,
  cwd: process.cwd(),
}));
if (process.argv[2] === 'fail') { console.error('the app broke: no such construct'); process.exit(3); }
writeFileSync(join(outdir, 'manifest.json'), '{"version":"41.0.0","artifacts":{}}');
`;

describe('synthesizeWithoutBundling (what choreo diagram synthesizes from)', () => {
  const directory = temporaryDirectoryForEachTest('synth-unbundled-');

  function project(app: string): { projectDirectory: string; outputDirectory: string } {
    const projectDirectory = join(directory(), 'project');
    mkdirSync(projectDirectory);
    writeFileSync(join(projectDirectory, 'app.js'), RECORDING_APP);
    writeFileSync(
      join(projectDirectory, 'cdk.json'),
      JSON.stringify({ app, context: { stage: 'dev', shared: 'cdk.json' } }),
    );
    writeFileSync(join(projectDirectory, 'cdk.context.json'), JSON.stringify({ shared: 'cached', lookedUp: 'vpc-1' }));
    return { projectDirectory, outputDirectory: join(directory(), 'assembly') };
  }

  it("runs cdk.json's app with its context, no stack bundled and no template validation", async () => {
    // Prepare
    const { projectDirectory, outputDirectory } = project('node app.js');

    // Act
    const written = await synthesizeWithoutBundling({ projectDirectory, outputDirectory });

    // Assess: cdk.json's context wins over cdk.context.json's, as with the CDK CLI
    expect(written).toBe(outputDirectory);
    expect(JSON.parse(readFileSync(join(outputDirectory, 'seen.json'), 'utf8'))).toEqual({
      context: { stage: 'dev', shared: 'cdk.json', lookedUp: 'vpc-1', 'aws:cdk:bundling-stacks': [] },
      validation: 'false',
      cwd: projectDirectory,
    });
  });

  it('rejects with a SynthesisError carrying what the app printed when it fails', async () => {
    // Prepare
    const { projectDirectory, outputDirectory } = project('node app.js fail');

    // Act
    const synthesis = synthesizeWithoutBundling({ projectDirectory, outputDirectory });

    // Assess
    await expect(synthesis).rejects.toBeInstanceOf(SynthesisError);
    await expect(synthesis).rejects.toThrow(/the app broke: no such construct/);
  });
});
