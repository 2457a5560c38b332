// `npm run test:org -- --target-org <alias>`: runs the project's Apex tests in a real org
// (the same classes the local checks run), with code coverage.
import { runSf, targetOrgArgs } from './sf.ts';

const argv = process.argv.slice(2);
process.exitCode = runSf([
  'apex',
  'run',
  'test',
  ...targetOrgArgs(argv),
  '--test-level',
  'RunLocalTests',
  '--code-coverage',
  '--result-format',
  'human',
  '--wait',
  '60',
]);
