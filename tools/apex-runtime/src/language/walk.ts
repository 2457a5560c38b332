// A walk over parsed code (AST nodes and the SOQL trees inside them): every object node reachable
// from a root that a test picks, each visited once. A picked node's own children are not searched.
export function findNodes<T>(root: unknown, pick: (node: Record<string, unknown>) => T | undefined): T[] {
  const found: T[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    const picked = pick(record);
    if (picked !== undefined) {
      found.push(picked);
      return;
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(root);
  return found;
}
