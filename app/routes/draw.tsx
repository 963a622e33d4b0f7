// A prize draw as anyone can check it, signed in or not: when it was drawn,
// the prizes, the seed, the entries (ids of rewards, which name nobody) and
// their digest, the winners, and the command that re-runs the draw.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { notFound } from "~/infra/http/responses.server";
import { formatDateTime } from "~/infra/i18n/i18n";
import { prizeDraw } from "~/modules/incentives/incentives.server";
import { formatEuros } from "~/modules/incentives/money";
import styles from "./staff/incentives.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ params }: LoaderFunctionArgs) {
  const draw = await prizeDraw(params.id ?? "");
  if (!draw) notFound();
  return {
    id: draw.id,
    drawnAt: draw.drawnAt,
    prizes: draw.prizes,
    prizeCents: draw.prizeCents,
    seed: draw.seed,
    entriesDigest: draw.entriesDigest,
    entries: draw.entries,
    winners: draw.winners,
  };
}

export default function Draw() {
  const t = useT();
  const language = useLanguage();
  const draw = useLoaderData<typeof loader>();
  const list = draw.entries.join("\n") + "\n";
  const command = `npx tsx scripts/verify-draw.ts --seed ${draw.seed} --prizes ${draw.prizes} --entries entries.txt --digest ${draw.entriesDigest}`;
  return (
    <>
      <h1>{t("incentivesStaff.public.title", { date: formatDateTime(draw.drawnAt, language) })}</h1>
      <p className="lead">{t("incentivesStaff.public.intro")}</p>

      <dl className="facts">
        <dt>{t("incentivesStaff.public.drawnAt")}</dt>
        <dd>{formatDateTime(draw.drawnAt, language)}</dd>
        <dt>{t("incentivesStaff.public.prizes")}</dt>
        <dd>{t("incentivesStaff.draw.prizesValue", { prizes: draw.prizes, value: formatEuros(draw.prizeCents, language) })}</dd>
        <dt>{t("incentivesStaff.public.entries")}</dt>
        <dd>{draw.entries.length}</dd>
        <dt>{t("incentivesStaff.draw.seed")}</dt>
        <dd>
          <code className="break">{draw.seed}</code>
        </dd>
        <dt>{t("incentivesStaff.draw.digest")}</dt>
        <dd>
          <code className="break">{draw.entriesDigest}</code>
        </dd>
      </dl>

      <section aria-labelledby="winners-title">
        <h2 id="winners-title">{t("incentivesStaff.public.winners")}</h2>
        <p className="hint">{t("incentivesStaff.public.winnersHint")}</p>
        <ol>
          {draw.winners.map((id) => (
            <li key={id}>
              <code>{id}</code>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="check-title">
        <h2 id="check-title">{t("incentivesStaff.public.checkTitle")}</h2>
        <p>{t("incentivesStaff.public.rule")}</p>
        <ol>
          <li>
            {t("incentivesStaff.public.step1")}{" "}
            <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(list)}`} download="entries.txt">
              {t("incentivesStaff.public.download")}
            </a>
          </li>
          <li>
            {t("incentivesStaff.public.step2")}
            <pre className="command">
              <code>{command}</code>
            </pre>
          </li>
          <li>{t("incentivesStaff.public.step3")}</li>
        </ol>
      </section>

      <section aria-labelledby="entries-title">
        <h2 id="entries-title">{t("incentivesStaff.public.entriesTitle", { count: draw.entries.length })}</h2>
        <p className="hint">{t("incentivesStaff.public.entriesHint")}</p>
        <pre className="entries" tabIndex={0} aria-labelledby="entries-title">
          {list}
        </pre>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
