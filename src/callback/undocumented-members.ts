import type { TProperties } from '@sinclair/typebox';

const documentedCache = new WeakMap<object, ReadonlySet<string>>();

/**
 * The members of a validated object that its schema does not document (fields Tencent added later,
 * undocumented ones such as MsgPriority), as a JSON object text in their original order; null when there
 * are none, which is the common case and costs no serialisation. Own `__proto__` members are written out as
 * ordinary members.
 */
export function undocumentedMembersJson(
  value: object,
  schema: { readonly properties: TProperties },
): string | null {
  const documented = documentedMembersOf(schema);
  let json: string | null = null;
  for (const key of Object.keys(value)) {
    if (documented.has(key)) continue;
    const member = `${JSON.stringify(key)}:${JSON.stringify((value as Record<string, unknown>)[key])}`;
    json = json === null ? `{${member}` : `${json},${member}`;
  }
  return json === null ? null : `${json}}`;
}

function documentedMembersOf(schema: { readonly properties: TProperties }): ReadonlySet<string> {
  let documented = documentedCache.get(schema);
  if (documented === undefined) {
    documented = new Set(Object.keys(schema.properties));
    documentedCache.set(schema, documented);
  }
  return documented;
}
