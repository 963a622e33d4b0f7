import { useT } from "~/components/use-translate";
import { useFormats } from "./use-formats";

/** Invited, completed, the completion rate, and answers waiting for tomorrow's mix. */
export function Funnel({ invited, completed, pending }: { invited: number; completed: number; pending: number }) {
  const t = useT();
  const formats = useFormats();
  return (
    <>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("results.funnel.caption")}</caption>
          <tbody>
            <tr>
              <th scope="row">{t("results.funnel.invited")}</th>
              <td>{formats.count(invited)}</td>
            </tr>
            <tr>
              <th scope="row">{t("results.funnel.completed")}</th>
              <td>{formats.count(completed)}</td>
            </tr>
            <tr>
              <th scope="row">{t("results.funnel.rate")}</th>
              <td>{invited > 0 ? formats.percent((completed / invited) * 100) : "–"}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {pending > 0 ? (
        <p className="notice">
          {t("results.funnel.pending", { count: formats.count(pending) })} {t("results.funnel.why")}
        </p>
      ) : null}
    </>
  );
}
