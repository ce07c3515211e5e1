/**
 * The `choreo` command line (run through bin/choreo.js). Everything it does is in lib/cli; this
 * file only binds it to the real process.
 */
import { processIo } from '../lib/cli/cli-context';
import { runCli } from '../lib/cli/program';

// The SDK warns on every run under Node 20 about a future release; a command line's stderr is
// for the user's errors, so the warning is off unless the user has set the switch themselves.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
