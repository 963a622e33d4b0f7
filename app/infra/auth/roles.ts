// Who may do what. One table, read by the server-side guard and by the
// navigation; the route-access test checks every route against it.
export const roles = ["MEMBER", "RESEARCHER", "FACILITATOR", "FEEDBACK_HANDLER", "ADMIN"] as const;
export type Role = (typeof roles)[number];
export const staffRoles = ["RESEARCHER", "FACILITATOR", "FEEDBACK_HANDLER", "ADMIN"] as const satisfies Role[];

export const permissions = {
  /** the member's own pages */
  "member.self": ["MEMBER"],
  /** any staff page */
  "staff.area": staffRoles,
  "studies.manage": ["RESEARCHER", "ADMIN"],
  "workshops.manage": ["FACILITATOR", "RESEARCHER", "ADMIN"],
  /** a study's reward rules, approvals and prize draws */
  "incentives.manage": ["RESEARCHER", "ADMIN"],
  /** gift-card stock, payout batches for finance, the yearly cap */
  "incentives.admin": ["ADMIN"],
  /** the feedback inbox: quick-log, handle, groups, reports */
  "feedback.handle": ["FEEDBACK_HANDLER", "ADMIN"],
  /** feedback units and their handlers, services, routing rules, retention */
  "feedback.admin": ["ADMIN"],
  "staff.manage": ["ADMIN"],
  /** the member directory: identities, audited on every view */
  "members.directory": ["ADMIN"],
  /** publish consent text versions */
  "consents.manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(userRoles: readonly string[] | undefined, permission: Permission): boolean {
  if (!userRoles) return false;
  const allowed: readonly string[] = permissions[permission];
  return userRoles.some((role) => allowed.includes(role));
}
