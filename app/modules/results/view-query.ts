// The results view in a URL: one `view` parameter, so that a plain GET form
// with one select can choose it without JavaScript, and the CSV link can
// carry the same view. "all", "by:<attribute>" or "only:<attribute>:<value>".
// Anything else, or an attribute the study did not declare, is "unknown" and
// shows all respondents. Pure: shared by the page, the CSV route and tests.
import type { ViewRequest } from "./report";

export interface ParsedView {
  view: ViewRequest;
  /** the parameter asked for something this study does not offer */
  unknown: boolean;
}

const valuePattern = /^[\p{L}\p{N} +._-]{1,100}$/u;

export function parseView(param: string | null, attributes: readonly string[]): ParsedView {
  const all: ViewRequest = { kind: "all" };
  if (param === null || param === "" || param === "all") return { view: all, unknown: false };
  const by = /^by:([a-z-]{1,40})$/.exec(param);
  if (by) return attributes.includes(by[1]!) ? { view: { kind: "breakdown", attribute: by[1]! }, unknown: false } : { view: all, unknown: true };
  const only = /^only:([a-z-]{1,40}):(.+)$/su.exec(param);
  if (only && attributes.includes(only[1]!) && valuePattern.test(only[2]!)) {
    return { view: { kind: "filter", attribute: only[1]!, value: only[2]! }, unknown: false };
  }
  return { view: all, unknown: true };
}

export function viewParam(view: ViewRequest): string {
  switch (view.kind) {
    case "all":
      return "all";
    case "breakdown":
      return `by:${view.attribute}`;
    case "filter":
      return `only:${view.attribute}:${view.value}`;
  }
}

/** A positive page number from the query; anything else is page 1. */
export function parsePage(param: string | null): number {
  if (param === null || !/^\d{1,6}$/.test(param)) return 1;
  return Math.max(1, Number(param));
}
