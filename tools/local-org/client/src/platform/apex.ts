/**
 * `@salesforce/apex/<Class>.<method>`: the imperative call (a Promise) and the @wire adapter, both
 * through `POST /api/apex`. Errors reach the component shaped as on the platform: `{ body: { message }, status }`.
 */
import { chosenUserId } from './session.ts';

type Params = Record<string, unknown> | undefined;
interface ApexError {
  body: { message: string };
  status: number;
  statusText: string;
}

async function invoke(classname: string, method: string, params: Params, cacheable: boolean): Promise<unknown> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (chosenUserId()) headers['X-Local-User'] = chosenUserId();
  const response = await fetch('/api/apex', {
    method: 'POST',
    headers,
    body: JSON.stringify({ classname, method, params: params ?? {}, cacheable }),
  });
  const body = (await response.json()) as { ok: boolean; value?: unknown; message?: string };
  if (body.ok) return body.value;
  const error: ApexError = {
    body: { message: body.message ?? '' },
    status: response.status,
    statusText: response.statusText,
  };
  throw error;
}

/** A wire adapter instance: calls the method (cacheable) whenever its config changes. */
class ApexWire {
  private readonly classname: string;
  private readonly method: string;
  private readonly emit: (value: { data?: unknown; error?: unknown }) => void;
  private config: Params;
  private connected = false;

  constructor(classname: string, method: string, emit: (value: { data?: unknown; error?: unknown }) => void) {
    this.classname = classname;
    this.method = method;
    this.emit = emit;
  }

  connect(): void {
    this.connected = true;
    if (this.config !== undefined) this.fetch();
  }

  update(config: Params): void {
    this.config = config ?? {};
    if (this.connected) this.fetch();
  }

  disconnect(): void {
    this.connected = false;
  }

  private fetch(): void {
    // As on the platform, a parameter still undefined (a '$prop' not yet set) holds the call back; null does not.
    if (Object.values(this.config ?? {}).some((value) => value === undefined)) return;
    invoke(this.classname, this.method, this.config, true).then(
      (data) => this.emit({ data, error: undefined }),
      (error: unknown) => this.emit({ data: undefined, error }),
    );
  }
}

export function apexMethod(classname: string, method: string): unknown {
  // Called, it is the imperative method; constructed (by @wire), it is the adapter.
  return function apex(this: unknown, arg?: Params | ((value: { data?: unknown; error?: unknown }) => void)) {
    if (new.target) return new ApexWire(classname, method, arg as (value: { data?: unknown; error?: unknown }) => void);
    return invoke(classname, method, arg as Params, false);
  };
}
