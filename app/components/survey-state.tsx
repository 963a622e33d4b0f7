import { Link } from "@remix-run/react";
import { useT } from "./use-translate";

export type SurveyState = "closed" | "full" | "done" | "not-ready";

const keys = {
  closed: ["survey.closedTitle", "survey.closedBody"],
  full: ["survey.fullTitle", "survey.fullBody"],
  done: ["survey.doneTitle", "survey.doneBody"],
  "not-ready": ["survey.notReadyTitle", "survey.notReadyBody"],
} as const;

/** The friendly page instead of a survey: closed, full, already answered, not open yet. */
export function SurveyStatePage({ state }: { state: SurveyState }) {
  const t = useT();
  const [title, body] = keys[state];
  return (
    <div className="narrow">
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </div>
  );
}
