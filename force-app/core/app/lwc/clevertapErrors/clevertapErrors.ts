/**
 * What the CleverTap screens say when a call fails: the message of an Apex error (an
 * AuraHandledException arrives as `{ body: { message } }`) or of a script error, else the screen's own
 * "something went wrong" label.
 */
export function errorMessage(error: unknown, fallback: string): string {
  const body = (error as { body?: { message?: string } } | null | undefined)?.body;
  if (body?.message) return body.message;
  return error instanceof Error && error.message ? error.message : fallback;
}
