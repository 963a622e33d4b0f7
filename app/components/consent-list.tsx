// A member's consents with one button each to give or withdraw; used on the
// account page and behind the link in every email.
import { Form } from "@remix-run/react";
import { LongText } from "./form";
import { useLanguage, useT } from "./use-translate";
import { formatDate } from "~/infra/i18n/i18n";

export interface ConsentRow {
  purpose: string;
  current: { version: number; title: string; body: string };
  latest: { action: "GIVEN" | "WITHDRAWN"; version: number; at: string | Date } | null;
  givenCurrent: boolean;
}

export function ConsentList({ consents }: { consents: ConsentRow[] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <>
      {consents.map((consent) => {
        const headingId = `consent-${consent.purpose}`;
        const latest = consent.latest;
        const status = !latest
          ? t("consents.none")
          : latest.action === "WITHDRAWN"
            ? t("consents.withdrawn", { date: formatDate(latest.at, language) })
            : consent.givenCurrent
              ? t("consents.given", { date: formatDate(latest.at, language), version: latest.version })
              : t("consents.givenOld", { version: latest.version, current: consent.current.version });
        const given = latest?.action === "GIVEN";
        return (
          <section key={consent.purpose} className="consent" aria-labelledby={headingId}>
            <h2 id={headingId}>{consent.current.title}</h2>
            <p>
              <strong>{status}</strong>
            </p>
            {consent.purpose === "membership-terms" ? <p className="hint">{t("consents.membershipNote")}</p> : null}
            <details>
              <summary>{t("consents.readText")}</summary>
              <LongText text={consent.current.body} />
            </details>
            <Form method="post">
              <input type="hidden" name="purpose" value={consent.purpose} />
              {!consent.givenCurrent ? (
                <button type="submit" name="intent" value="give" className="primary">
                  {t("consents.give")}
                </button>
              ) : null}{" "}
              {given ? (
                <button type="submit" name="intent" value="withdraw">
                  {t("consents.withdraw")}
                </button>
              ) : null}
            </Form>
          </section>
        );
      })}
    </>
  );
}
