/**
 * Routes the org's callouts to the CleverTap emulator in-process: every `*.clevertap.com` host (each
 * region) answers from the emulator; any other host is refused as an unreachable endpoint.
 */
import { PlatformError } from '../../apex-runtime/src/language/errors.ts';
import type { CalloutRouter, HttpMessage } from '../../apex-runtime/src/platform/http.ts';
import type { Emulator } from '../emulator/emulator.ts';

export function cleverTapRouter(emulator: Pick<Emulator, 'answer'>): CalloutRouter {
  return (request: HttpMessage): HttpMessage => {
    const endpoint = new URL(request.endpoint ?? '');
    if (!endpoint.hostname.endsWith('.clevertap.com')) {
      throw new PlatformError('System.CalloutException', `Unable to reach ${endpoint.hostname} from the local org`);
    }
    const headers = new Map([...request.headers].map(([name, value]) => [name.toLowerCase(), value]));
    const reply = emulator.answer({
      method: request.method ?? 'GET',
      url: endpoint.pathname + endpoint.search,
      headers,
      body: request.body,
    });
    if (reply === 'timeout') throw new PlatformError('System.CalloutException', 'Read timed out');
    return {
      statusCode: reply.status,
      status: reply.status === 200 ? 'OK' : 'Error',
      body: reply.body,
      headers: new Map([['Content-Type', 'application/json; charset=utf-8']]),
    };
  };
}
