import { Form } from "@remix-run/react";
import { useLanguage, useT } from "~/components/use-translate";
import { attributeLabel, valueLabel } from "../labels";
import { viewParam } from "../view-query";

/**
 * Chooses the view with a plain GET form (works without JavaScript): all
 * respondents, a breakdown by one declared attribute, or one group that may
 * be shown on its own.
 */
export function ViewForm({
  action,
  current,
  attributes,
  filters,
}: {
  action: string;
  current: string;
  attributes: string[];
  filters: { attribute: string; values: string[] }[];
}) {
  const t = useT();
  const language = useLanguage();
  const usable = filters.filter((filter) => filter.values.length > 0);
  return (
    <Form method="get" action={action} className="view-form">
      <div className="field">
        <label htmlFor="view">{t("results.view.label")}</label>
        <select id="view" name="view" defaultValue={current} key={current}>
          <option value="all">{t("results.view.all")}</option>
          {attributes.length > 0 ? (
            <optgroup label={t("results.view.breakdownGroup")}>
              {attributes.map((attribute) => (
                <option key={attribute} value={viewParam({ kind: "breakdown", attribute })}>
                  {t("results.view.breakdown", { attribute: attributeLabel(attribute, t) })}
                </option>
              ))}
            </optgroup>
          ) : null}
          {usable.length > 0 ? (
            <optgroup label={t("results.view.filterGroup")}>
              {usable.flatMap((filter) =>
                filter.values.map((value) => (
                  <option key={`${filter.attribute}:${value}`} value={viewParam({ kind: "filter", attribute: filter.attribute, value })}>
                    {t("results.view.filter", { attribute: attributeLabel(filter.attribute, t), value: valueLabel(filter.attribute, value, language, t) })}
                  </option>
                )),
              )}
            </optgroup>
          ) : null}
        </select>
      </div>
      <button type="submit" className="primary">
        {t("results.view.submit")}
      </button>
    </Form>
  );
}
