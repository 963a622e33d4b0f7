// The List-Unsubscribe link of every invitation and reminder (RFC 8058).
// GET shows a page with one button and changes nothing (mail scanners open
// links); a POST unsubscribes at once: the mail client's one-click POST
// ("List-Unsubscribe=One-Click") needs no cookie and no Origin (the path is
// exempt from the Origin check in server/http.ts), and the page's button is a
// plain form, so it works without JavaScript.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { unsubscribeByToken, unsubscribeLink, type UnsubscribeChannel } from "~/modules/campaigns/unsubscribe.server";

type State = "ask" | "already" | "done" | "invalid";

// The link is a key: no cache keeps the page, no search engine lists it.
const privateHeaders = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };

export const headers: HeadersFunction = () => privateHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await unsubscribeLink(params.token ?? "");
  if (!link) return data({ state: "invalid" as State }, { status: 404, headers: privateHeaders });
  return data({ state: (link.alreadyUnsubscribed ? "already" : "ask") as State }, { headers: privateHeaders });
}

/** A mail client's one-click POST, urlencoded or multipart, rather than the page's button. */
async function channelOf(request: Request): Promise<UnsubscribeChannel> {
  try {
    const body = (await request.text()).slice(0, 2000);
    return /List-Unsubscribe(=|"\s*\r?\n\r?\n)One-Click/i.test(body) ? "one-click" : "page";
  } catch {
    return "page";
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const done = await unsubscribeByToken(params.token ?? "", await channelOf(request));
  if (!done) return data({ state: "invalid" as State }, { status: 404, headers: privateHeaders });
  return data({ state: "done" as State }, { headers: privateHeaders });
}

export default function Unsubscribe() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted?.state ?? loaded.state;

  if (state === "invalid") {
    return (
      <div className="narrow">
        <h1>{t("unsubscribe.invalidTitle")}</h1>
        <p>{t("unsubscribe.invalid")}</p>
        <p>
          <Link to="/account/preferences">{t("unsubscribe.preferences")}</Link>
        </p>
      </div>
    );
  }
  if (state === "done" || state === "already") {
    return (
      <div className="narrow">
        <h1>{t("unsubscribe.doneTitle")}</h1>
        <p className="success" role="status">
          {t(state === "done" ? "unsubscribe.done" : "unsubscribe.already")}
        </p>
        <p>{t("unsubscribe.undo")}</p>
        <p>
          <Link to="/account/preferences">{t("unsubscribe.preferences")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("unsubscribe.title")}</h1>
      <p>{t("unsubscribe.intro")}</p>
      <Form method="post">
        <button type="submit" className="primary">
          {t("unsubscribe.button")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
