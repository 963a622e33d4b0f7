// Panel health for researchers and admins: who the members are against the
// target shares the admin set, growth, response rates, and how many members
// are near their contact caps. Counts only. Admins find the rules and targets
// one link away.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { can } from "~/infra/auth/roles";
import { locale, timeZone, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { recruitmentSettings } from "~/modules/recruitment/fatigue.server";
import { panelHealth } from "~/modules/recruitment/health.server";
import styles from "./recruitment.css?url";
import { attributeValueLabel } from "./sample-form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const [health, settings] = await Promise.all([panelHealth(), recruitmentSettings()]);
  return {
    health,
    rules: { maxContactsPer30Days: settings.maxContactsPer30Days, cooldownDays: settings.cooldownDays },
    canEdit: can(user.roles, "staff.manage"),
  };
}

const percent = (value: number | null, language: Language) =>
  value === null ? "–" : new Intl.NumberFormat(locale(language), { style: "percent", maximumFractionDigits: 1 }).format(value);

const monthName = (month: string, language: Language) =>
  new Intl.DateTimeFormat(locale(language), { month: "long", year: "numeric", timeZone }).format(new Date(`${month}-15T12:00:00Z`));

export default function PanelHealth() {
  const t = useT();
  const language = useLanguage();
  const { health, rules, canEdit } = useLoaderData<typeof loader>();
  const attributeLabel = (attribute: string) => t(`studies.attribute.${attribute}` as MessageKey);
  const difference = (share: number, target: number | null) => {
    if (target === null) return "–";
    const points = Math.round((share - target) * 1000) / 10;
    return t("panelHealth.points", { points: `${points > 0 ? "+" : points < 0 ? "−" : "±"}${new Intl.NumberFormat(locale(language)).format(Math.abs(points))}` });
  };

  return (
    <>
      <h1>{t("panelHealth.title")}</h1>
      <p>{t("panelHealth.intro", { count: health.members })}</p>
      <p className="hint">{t("panelHealth.rules", { max: rules.maxContactsPer30Days, days: rules.cooldownDays })}</p>
      {canEdit ? (
        <p>
          <Link to="/staff/recruitment-settings">{t("panelHealth.editRules")}</Link>
        </p>
      ) : (
        <p className="hint">{t("panelHealth.adminSets")}</p>
      )}

      <section aria-labelledby="composition-title">
        <h2 id="composition-title">{t("panelHealth.composition")}</h2>
        <p className="hint">{t("panelHealth.compositionHint")}</p>
        {health.composition.map(({ attribute, rows }) => (
          <div className="table-wrap" key={attribute}>
            <table className="figures">
              <caption>{t("panelHealth.compositionCaption", { attribute: attributeLabel(attribute) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{attributeLabel(attribute)}</th>
                  <th scope="col" className="number">
                    {t("panelHealth.members")}
                  </th>
                  <th scope="col" className="number">
                    {t("panelHealth.share")}
                  </th>
                  <th scope="col" className="number">
                    {t("panelHealth.target")}
                  </th>
                  <th scope="col" className="number">
                    {t("panelHealth.difference")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.value}>
                    <th scope="row">{attributeValueLabel(attribute, row.value, t, language)}</th>
                    <td className="number">{row.members}</td>
                    <td className="number">{percent(row.share, language)}</td>
                    <td className="number">{percent(row.target, language)}</td>
                    <td className="number">{difference(row.share, row.target)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>

      <section aria-labelledby="growth-title">
        <h2 id="growth-title">{t("panelHealth.growth")}</h2>
        <div className="table-wrap">
          <table className="figures">
            <caption>{t("panelHealth.growthCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("panelHealth.month")}</th>
                <th scope="col" className="number">
                  {t("panelHealth.joined")}
                </th>
              </tr>
            </thead>
            <tbody>
              {health.growth.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{monthName(row.month, language)}</th>
                  <td className="number">{row.joined}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="responses-title">
        <h2 id="responses-title">{t("panelHealth.responses")}</h2>
        <div className="table-wrap">
          <table className="figures">
            <caption>{t("panelHealth.responsesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("panelHealth.month")}</th>
                <th scope="col" className="number">
                  {t("panelHealth.invited")}
                </th>
                <th scope="col" className="number">
                  {t("panelHealth.completed")}
                </th>
                <th scope="col" className="number">
                  {t("panelHealth.rate")}
                </th>
              </tr>
            </thead>
            <tbody>
              {health.responses.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{monthName(row.month, language)}</th>
                  <td className="number">{row.invited}</td>
                  <td className="number">{row.completed}</td>
                  <td className="number">{percent(row.rate, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="caps-title">
        <h2 id="caps-title">{t("panelHealth.caps")}</h2>
        <p className="hint">{t("panelHealth.capsHint")}</p>
        <div className="table-wrap">
          <table className="figures">
            <caption>{t("panelHealth.capsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("panelHealth.cap")}</th>
                <th scope="col" className="number">
                  {t("panelHealth.atCap")}
                </th>
                <th scope="col" className="number">
                  {t("panelHealth.nearCap")}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("panelHealth.ownCap")}</th>
                <td className="number">{health.caps.atOwnCap}</td>
                <td className="number">{health.caps.nearOwnCap}</td>
              </tr>
              <tr>
                <th scope="row">{t("panelHealth.globalCap", { max: rules.maxContactsPer30Days })}</th>
                <td className="number">{health.caps.atGlobalCap}</td>
                <td className="number">{health.caps.nearGlobalCap}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
