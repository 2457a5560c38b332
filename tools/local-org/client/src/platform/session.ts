/**
 * The signed-in user of the local org's page: chosen in the header (kept in localStorage), sent on
 * every API call as `X-Local-User`, and read once at start so `@salesforce/user/Id` and
 * `@salesforce/customPermission/*` are plain values, as they are on the platform.
 */
export interface Session {
  emulatorUrl: string;
  currentUser: { id: string; name: string };
  customPermissions: string[];
  clock: { now: string; speed: number };
}

const USER_KEY = 'localOrg.userId';

export function chosenUserId(): string {
  return localStorage.getItem(USER_KEY) ?? '';
}

export function chooseUser(id: string): void {
  localStorage.setItem(USER_KEY, id);
}

/** `fetch` to the org server as the chosen user; answers the `value` or throws the server's message. */
export async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const user = chosenUserId();
  if (user) headers.set('X-Local-User', user);
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  const response = await fetch(url, { ...init, headers });
  const body = (await response.json()) as {
    ok: boolean;
    value?: T;
    message?: string;
    fieldErrors?: Record<string, string>;
  };
  if (!body.ok) throw new ApiError(response.status, body.message ?? 'The request failed.', body.fieldErrors ?? {});
  return body.value as T;
}

export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, message: string, fieldErrors: Record<string, string>) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

async function load(): Promise<Session> {
  try {
    return await api<Session>('/api/app');
  } catch (error) {
    // A user chosen in another run of the org may no longer exist: fall back to the default admin.
    if (error instanceof ApiError && error.status === 400 && chosenUserId()) {
      localStorage.removeItem(USER_KEY);
      return api<Session>('/api/app');
    }
    throw error;
  }
}

export const session: Session = await load();
