// The one form helper: parse formData with a zod schema; on failure return the
// field errors (as message keys, shown next to the fields) and what was typed,
// so nothing is lost. Malformed bodies answer 400, never 500.
import { data } from "@remix-run/node";
import type { z } from "zod";
import { isMessageKey, type MessageKey } from "~/infra/i18n/i18n";

export type FieldErrors = Record<string, MessageKey>;

export interface FormFailure {
  errors: FieldErrors;
  values: Record<string, string>;
}

const MAX_FIELD = 10_000;

/** A value as the app keeps it: at most MAX_FIELD characters, no NUL (PostgreSQL refuses it in text; no keyboard types it). */
const fieldValue = (value: string) => value.slice(0, MAX_FIELD).replace(/\u0000/g, "");

/** Text fields by name (first value wins); the names in `lists` keep every value. */
export async function readForm(request: Request, lists: string[] = []): Promise<Record<string, string>> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw new Response("Bad request", { status: 400 });
  }
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string") continue;
    if (lists.includes(key)) ((values[key] ??= []) as string[]).push(fieldValue(value));
    else if (!(key in values)) values[key] = fieldValue(value);
  }
  return values as Record<string, string>;
}

export type Parsed<T> = { ok: true; data: T; values: Record<string, string> } | ({ ok: false } & FormFailure);

export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  lists: string[] = [],
): Promise<Parsed<z.output<S>>> {
  const values = await readForm(request, lists);
  return parseValues(values, schema);
}

export function parseValues<S extends z.ZodType>(values: Record<string, string>, schema: S): Parsed<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (!errors[field]) errors[field] = isMessageKey(issue.message) ? issue.message : "form.required";
  }
  return { ok: false, errors, values: withoutSecrets(values) };
}

/** Passwords and codes are never sent back to the page. */
function withoutSecrets(values: Record<string, string>) {
  const { password: _p, ...rest } = values;
  return rest;
}

/** A 400 answer carrying field errors and the typed values. */
export function invalid(failure: FormFailure) {
  return data({ errors: failure.errors, values: failure.values }, { status: 400 });
}

export function clientIp(request: Request): string {
  return request.headers.get("X-Panel-Client-Ip") ?? "unknown";
}
