/**
 * Passcodes for an import come from the environment (`CLEVERTAP_PASSCODE_<CONNECTION NAME>`) or from
 * a prompt that does not echo, never from a file: the document format has no place for one.
 */
import { passcodeVariable } from './plan.ts';

/** Connection name (lower case) → passcode, for the names whose variable is set and not blank. */
export function passcodesFromEnvironment(names: string[], env: NodeJS.ProcessEnv): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of names) {
    const value = env[passcodeVariable(name)]?.trim();
    if (value) found.set(name.trim().toLowerCase(), value);
  }
  return found;
}

/** Asks for one passcode on the terminal without echoing it; an empty answer skips the connection. */
export async function promptPasscode(connectionName: string): Promise<string | undefined> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) return undefined;
  stderr.write(
    `API passcode for "${connectionName}" (Enter to skip; ${passcodeVariable(connectionName)} also works): `,
  );
  stdin.setRawMode(true);
  stdin.resume();
  let typed = '';
  try {
    for await (const chunk of stdin) {
      for (const char of String(chunk)) {
        if (char === '\u0003') throw new Error('Import cancelled.');
        if (char === '\r' || char === '\n') return typed.trim() || undefined;
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    }
    return typed.trim() || undefined;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    stderr.write('\n');
  }
}
