import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passcodesFromEnvironment } from './passcodes.ts';

test('passcodes come from CLEVERTAP_PASSCODE_<NAME>; blank or missing ones are not passcodes', () => {
  const found = passcodesFromEnvironment(['Production EU', 'Sandbox', 'Staging'], {
    CLEVERTAP_PASSCODE_PRODUCTION_EU: ' secret-1 ',
    CLEVERTAP_PASSCODE_SANDBOX: '   ',
  });
  assert.deepEqual([...found], [['production eu', 'secret-1']]);
});
