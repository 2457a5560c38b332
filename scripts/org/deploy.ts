// `npm run deploy -- --target-org <alias> [--packages core,quotes,field-service,orders]`
// Builds the TypeScript LWC, then deploys the chosen package directories (core by default:
// the extensions need Quotes, Field Service or Orders enabled in the target org).
import { buildLwc } from '../build-lwc.ts';
import { runSf, selectedPackageDirs, targetOrgArgs } from './sf.ts';

const argv = process.argv.slice(2);
const dirs = selectedPackageDirs(argv);
buildLwc(process.cwd());
const args = ['project', 'deploy', 'start', ...targetOrgArgs(argv), '--wait', '30'];
for (const dir of dirs) args.push('--source-dir', dir);
process.exitCode = runSf(args);
