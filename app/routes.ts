import { index, route, type RouteConfig } from "@remix-run/route-config";

// Every route is listed in tests/integration/route-access.test.ts with who may
// reach it; a route missing there fails the test.
export default [
  index("routes/home.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-in/code", "routes/sign-in-code.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("language", "routes/language.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("account", "routes/account.tsx"),
  route("staff/sign-in", "routes/staff/sign-in.tsx"),
  route("staff", "routes/staff/dashboard.tsx"),
  route("staff/accounts", "routes/staff/accounts.tsx"),
  route("staff/accounts/new", "routes/staff/account-new.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
