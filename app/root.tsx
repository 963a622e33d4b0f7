import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import type { RootData } from "~/components/use-translate";
import { getAuth } from "~/infra/auth/session.server";
import { defaultLanguage, translator } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import stylesheet from "~/styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs): Promise<RootData> {
  const auth = await getAuth(request);
  const language = resolveLanguage(request, auth?.user.language);
  return {
    language,
    user: auth
      ? { email: auth.user.email, name: auth.user.name, kind: auth.user.kind, roles: auth.user.roles }
      : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: translator(data?.language ?? defaultLanguage)("app.name") },
];

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData("root") as RootData | undefined;
  const nonce = useNonce();
  return (
    <html lang={data?.language ?? defaultLanguage}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell>{children}</AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = GeneralErrorBoundary;
