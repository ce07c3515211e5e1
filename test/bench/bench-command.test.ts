import { runCli } from '../../lib/cli/program';

function captureIo() {
  const output = { stdout: '', stderr: '' };
  return {
    output,
    io: {
      stdout: (text: string) => void (output.stdout += text),
      stderr: (text: string) => void (output.stderr += text),
      env: { CI: 'true' },
    },
  };
}

describe('choreo bench', () => {
  it('fails as a usage error, naming the group, when --only names an unknown group', async () => {
    // Prepare
    const { io, output } = captureIo();

    // Act
    const code = await runCli(['bench', '--only', 'saga,warp-drive'], io);

    // Assess
    expect(code).toBe(2);
    expect(output.stderr).toContain("unknown bench group 'warp-drive'");
  });

  it('lists its options in --help', async () => {
    // Prepare
    const { io, output } = captureIo();

    // Act
    const code = await runCli(['bench', '--help'], io);

    // Assess
    expect(code).toBe(0);
    expect(output.stdout).toContain('--skip-test-wall');
    expect(output.stdout).toContain('--runs <n>');
  });
});
