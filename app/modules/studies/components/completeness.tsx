// How much of a survey's text is written in each language, as a small table.
import { useT } from "~/components/use-translate";
import { languages, type Language, type MessageKey } from "~/infra/i18n/i18n";

export type Completeness = Record<Language, { filled: number; total: number }>;

/** Whole per cent, rounded down so 100 % means every text is there. */
export const percent = ({ filled, total }: { filled: number; total: number }) => (total === 0 ? 0 : Math.floor((filled * 100) / total));

export function CompletenessTable({ completeness, caption }: { completeness: Completeness; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="completeness">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("studies.completeness.language")}</th>
            <th scope="col">{t("studies.completeness.texts")}</th>
            <th scope="col">{t("studies.completeness.percent")}</th>
          </tr>
        </thead>
        <tbody>
          {languages.map((language) => {
            const counts = completeness[language];
            const value = percent(counts);
            return (
              <tr key={language}>
                <th scope="row">{t(`lang.${language}` as MessageKey)}</th>
                <td>{t("studies.completeness.filled", { filled: counts.filled, total: counts.total })}</td>
                <td>
                  <meter min={0} max={100} value={value} aria-hidden="true" />{" "}
                  {counts.total > 0 && counts.filled === counts.total ? `${value} % – ${t("studies.completeness.done")}` : `${value} %`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
