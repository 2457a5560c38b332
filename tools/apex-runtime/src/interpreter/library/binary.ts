// Blob, Crypto digests and MACs, UUID and EncodingUtil.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { ApexBlob, NativeObject, type Value } from '../../language/values.ts';
import type { Natives } from '../natives.ts';

const blob = (v: Value): Buffer => (v as ApexBlob).bytes;

function hashName(algorithm: string): string {
  const name = algorithm.toLowerCase().replace('-', '');
  if (!['md5', 'sha1', 'sha256', 'sha512'].includes(name)) throw new Error(`Unsupported digest ${algorithm}`);
  return name;
}

export function registerBinary(natives: Natives): void {
  natives.register('Blob', { valueof: (_i, [s]) => new ApexBlob(Buffer.from(String(s), 'utf8')) });
  natives.registerType('Blob', {
    tostring: (_i, _a, self) => blob(self).toString('utf8'),
    size: (_i, _a, self) => blob(self).length,
  });
  natives.register('Crypto', {
    generatedigest: (_i, [algorithm, data]) =>
      new ApexBlob(
        createHash(hashName(String(algorithm)))
          .update(blob(data ?? null))
          .digest(),
      ),
    generatemac: (_i, [algorithm, data, key]) =>
      new ApexBlob(
        createHmac(hashName(String(algorithm).replace(/^hmac/i, '')), blob(key ?? null))
          .update(blob(data ?? null))
          .digest(),
      ),
    getrandominteger: () => randomBytes(4).readInt32BE(0),
    getrandomlong: () => null,
  });
  natives.register('UUID', { randomuuid: () => new NativeObject('UUID', { value: randomUUID() }) });
  natives.registerType('UUID', { tostring: (_i, _a, self) => String((self as NativeObject).state.value) });
  natives.register('EncodingUtil', {
    converttohex: (_i, [b]) => blob(b ?? null).toString('hex'),
    base64encode: (_i, [b]) => blob(b ?? null).toString('base64'),
    base64decode: (_i, [s]) => new ApexBlob(Buffer.from(String(s), 'base64')),
    urlencode: (_i, [s]) => encodeURIComponent(String(s)).replace(/%20/g, '+'),
    urldecode: (_i, [s]) => decodeURIComponent(String(s).replace(/\+/g, ' ')),
  });
}
