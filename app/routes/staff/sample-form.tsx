// The sample part of a new campaign: simple random or stratified by one or
// two attributes, with target shares (per cent) or quotas (completes) per
// stratum, the completes wanted, over-sampling and an optional seed. Read
// from a GET ("Show strata" without JavaScript) and from the POST that draws.
// No server imports: the page bundles this file.
import { useState } from "react";
import { useLanguage, useT } from "~/components/use-translate";
import type { Language, MessageKey, Translate } from "~/infra/i18n/i18n";
import { lifeSituations } from "~/modules/members/profile-schema";
import { regionName, regions } from "~/modules/members/regions";
import { ageBands, strataAttributes, type SampleSpec, type StrataAttribute } from "~/modules/recruitment/filters";
import { Radios } from "~/components/form";
import { NumberField, type FieldErrors, type FormValues } from "./segment-form";


/** The values a stratum may take per attribute; "?" is a member who has not shared it. */
export const attributeValues: Record<StrataAttribute, readonly string[]> = {
  "age-band": [...ageBands, "?"],
  region: [...regions.map((region) => region.code), "?"],
  language: ["fi", "sv", "en", "?"],
  "life-situation": [...lifeSituations, "?"],
};

export const allocations = ["proportional", "shares", "quotas"] as const;
type Allocation = (typeof allocations)[number];

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value.trim() : Array.isArray(value) ? (value[0] ?? "").trim() : "");

/** The attributes chosen in the form, in order, without repeats. */
export function chosenAttributes(values: FormValues): StrataAttribute[] {
  const chosen = [text(values.by1), text(values.by2)].filter((value): value is StrataAttribute =>
    (strataAttributes as readonly string[]).includes(value),
  );
  return [...new Set(chosen)];
}

/** Every stratum of the attributes: "MK01", "25-34|fi", … */
export function strataKeys(by: StrataAttribute[]): string[] {
  return by.reduce<string[]>((keys, attribute) => keys.flatMap((key) => attributeValues[attribute].map((value) => (key ? `${key}|${value}` : value))), [""]);
}

export function attributeValueLabel(attribute: string, value: string, t: Translate, language: Language): string {
  if (value === "?") return t("staffCampaigns.stratum.unknown");
  switch (attribute) {
    case "region": {
      const region = regions.find((r) => r.code === value);
      return region ? regionName(region, language) : value;
    }
    case "language":
      return ["fi", "sv", "en"].includes(value) ? t(`lang.${value}` as MessageKey) : value;
    case "life-situation":
      return (lifeSituations as readonly string[]).includes(value) ? t(`profile.lifeSituation.${value}` as MessageKey) : value;
    default:
      return value;
  }
}

/** "Uusimaa, 25–34" for the stratum "MK01|25-34" of region × age band; "All" in a simple sample. */
export function stratumLabel(key: string, by: readonly string[], t: Translate, language: Language): string {
  if (by.length === 0 || key === "") return t("staffCampaigns.stratum.all");
  const parts = key.split("|");
  return parts.map((value, index) => attributeValueLabel(by[index] ?? "", value, t, language)).join(", ");
}

/** "1,5" or "1.5" as a number. */
const decimal = (value: string) => (/^\d{1,2}([.,]\d{1,2})?$/.test(value) ? Number(value.replace(",", ".")) : NaN);

export type SampleRead = { ok: true; spec: SampleSpec; seed: string | undefined } | { ok: false; errors: FieldErrors };

export function readSample(values: FormValues): SampleRead {
  const errors: FieldErrors = {};
  const mode = text(values.sampleMode) || "simple";
  if (mode !== "simple" && mode !== "stratified") errors.sampleMode = "staffSegments.error.unknownChoice";

  const oversample = decimal(text(values.oversample) || "1");
  if (!(oversample >= 1 && oversample <= 20)) errors.oversample = "staffCampaigns.error.oversample";

  const seed = text(values.seed);
  if (seed !== "" && !/^[A-Za-z0-9_-]{1,64}$/.test(seed)) errors.seed = "staffCampaigns.error.seed";

  const wantedText = text(values.wanted);
  const wanted = /^\d{1,6}$/.test(wantedText) ? Number(wantedText) : NaN;

  if (mode !== "stratified") {
    if (!(wanted >= 1 && wanted <= 100_000)) errors.wanted = "staffCampaigns.error.wanted";
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return checked({ mode: "simple", wanted, oversample }, seed);
  }

  const by = chosenAttributes(values);
  if (by.length === 0) errors.by1 = "staffCampaigns.error.by";
  const allocation = (text(values.allocation) || "proportional") as Allocation;
  if (!allocations.includes(allocation)) errors.allocation = "staffSegments.error.unknownChoice";
  const keys = strataKeys(by);
  const spec: Extract<SampleSpec, { mode: "stratified" }> = { mode: "stratified", by, wanted, oversample };

  if (allocation === "quotas") {
    const quotas: Record<string, number> = {};
    keys.forEach((key, index) => {
      const raw = text(values[`quota.${key}`]);
      if (raw === "") return;
      if (!/^\d{1,6}$/.test(raw)) errors[`stratum-${index}`] = "staffCampaigns.error.quota";
      else if (Number(raw) > 0) quotas[key] = Number(raw);
    });
    const total = Object.values(quotas).reduce((sum, n) => sum + n, 0);
    if (total < 1 && !Object.keys(errors).some((name) => name.startsWith("stratum-"))) errors.strata = "staffCampaigns.error.quotasEmpty";
    // With quotas the completes wanted are their sum.
    spec.wanted = total;
    spec.quotas = quotas;
  } else {
    if (!(wanted >= 1 && wanted <= 100_000)) errors.wanted = "staffCampaigns.error.wanted";
    if (allocation === "shares") {
      const shares: Record<string, number> = {};
      keys.forEach((key, index) => {
        const raw = text(values[`share.${key}`]);
        if (raw === "") return;
        const value = /^\d{1,3}([.,]\d{1,2})?$/.test(raw) ? Number(raw.replace(",", ".")) : NaN;
        if (!(value >= 0 && value <= 100)) errors[`stratum-${index}`] = "staffCampaigns.error.share";
        else if (value > 0) shares[key] = value;
      });
      const total = Object.values(shares).reduce((sum, n) => sum + n, 0);
      if (Math.abs(total - 100) > 0.5 && !Object.keys(errors).some((name) => name.startsWith("stratum-"))) errors.strata = "staffCampaigns.error.sharesSum";
      spec.shares = Object.fromEntries(Object.entries(shares).map(([key, value]) => [key, value / total]));
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return checked(spec, seed);
}

function checked(spec: SampleSpec, seed: string): SampleRead {
  // With quotas the completes wanted are their sum, which may go over the limit.
  if (spec.wanted < 1 || spec.wanted > 100_000) return { ok: false, errors: { wanted: "staffCampaigns.error.wanted" } };
  return { ok: true, spec, seed: seed || undefined };
}

/** The sample's fields; the strata table follows the attributes chosen (at once with JavaScript). */
export function SampleFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const t = useT();
  const language = useLanguage();
  const [mode, setMode] = useState(text(values.sampleMode) || "simple");
  const [by1, setBy1] = useState(text(values.by1));
  const [by2, setBy2] = useState(text(values.by2));
  const [allocation, setAllocation] = useState(text(values.allocation) || "proportional");
  const by = chosenAttributes({ by1, by2 });
  const keys = mode === "stratified" ? strataKeys(by) : [];
  const attributeLabel = (attribute: string) => t(`studies.attribute.${attribute}` as MessageKey);

  const select = (name: "by1" | "by2", value: string, set: (value: string) => void, label: string, allowNone: boolean) => {
    const error = errors[name];
    return (
      <div className={error ? "field field-invalid" : "field"}>
        <label htmlFor={name}>{label}</label>
        {error ? (
          <p className="field-error" id={`${name}-error`}>
            {t(error)}
          </p>
        ) : null}
        <select
          id={name}
          name={name}
          value={value}
          onChange={(event) => set(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        >
          <option value="">{allowNone ? t("staffCampaigns.sample.byNone") : t("staffCampaigns.sample.byChoose")}</option>
          {strataAttributes.map((attribute) => (
            <option key={attribute} value={attribute}>
              {attributeLabel(attribute)}
            </option>
          ))}
        </select>
      </div>
    );
  };

  return (
    <fieldset className="segment-group">
      <legend>{t("staffCampaigns.sample.legend")}</legend>
      <div onChange={(event) => event.target instanceof HTMLInputElement && event.target.name === "sampleMode" && setMode(event.target.value)}>
        <Radios
          fallbackToFirst
          name="sampleMode"
          legend={t("staffCampaigns.sample.mode")}
          error={errors.sampleMode}
          value={mode}
          options={[
            { value: "simple", label: t("staffCampaigns.sample.simple") },
            { value: "stratified", label: t("staffCampaigns.sample.stratified") },
          ]}
        />
      </div>
      <NumberField
        name="wanted"
        label={t("staffCampaigns.sample.wanted")}
        hint={t("staffCampaigns.sample.wantedHint")}
        value={text(values.wanted)}
        error={errors.wanted}
      />
      <NumberField
        name="oversample"
        label={t("staffCampaigns.sample.oversample")}
        hint={t("staffCampaigns.sample.oversampleHint")}
        value={text(values.oversample) || "1,5"}
        error={errors.oversample}
        inputMode="decimal"
      />

      <fieldset className="field">
        <legend>{t("staffCampaigns.sample.strataLegend")}</legend>
        <p className="hint">{t("staffCampaigns.sample.strataHint")}</p>
        {select("by1", by1, setBy1, t("staffCampaigns.sample.by1"), false)}
        {select("by2", by2, setBy2, t("staffCampaigns.sample.by2"), true)}
        <div onChange={(event) => event.target instanceof HTMLInputElement && event.target.name === "allocation" && setAllocation(event.target.value)}>
          <Radios
            fallbackToFirst
            name="allocation"
            legend={t("staffCampaigns.sample.allocation")}
            error={errors.allocation}
            value={allocation}
            options={allocations.map((value) => ({ value, label: t(`staffCampaigns.sample.allocation.${value}` as MessageKey) }))}
          />
        </div>
        <button type="submit" name="intent" value="strata" formMethod="get" className="secondary">
          {t("staffCampaigns.sample.showStrata")}
        </button>
        {errors.strata ? (
          <p className="field-error" id="strata" tabIndex={-1}>
            {t(errors.strata)}
          </p>
        ) : null}
        {mode === "stratified" && by.length > 0 && allocation !== "proportional" ? (
          <div className="table-wrap strata-inputs">
            <table>
              <caption>
                {allocation === "shares" ? t("staffCampaigns.sample.sharesCaption") : t("staffCampaigns.sample.quotasCaption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("staffCampaigns.strata.stratum")}</th>
                  <th scope="col">{allocation === "shares" ? t("staffCampaigns.sample.shareColumn") : t("staffCampaigns.sample.quotaColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key, index) => {
                  const id = `stratum-${index}`;
                  const error = errors[id];
                  const name = `${allocation === "shares" ? "share" : "quota"}.${key}`;
                  const label = stratumLabel(key, by, t, language);
                  return (
                    <tr key={`${allocation}-${key}`}>
                      <th scope="row">
                        <label htmlFor={id}>{label}</label>
                      </th>
                      <td className={error ? "field-invalid" : undefined}>
                        {error ? (
                          <p className="field-error" id={`${id}-error`}>
                            {t(error)}
                          </p>
                        ) : null}
                        <input
                          id={id}
                          name={name}
                          inputMode={allocation === "shares" ? "decimal" : "numeric"}
                          autoComplete="off"
                          defaultValue={text(values[name])}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                          size={6}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </fieldset>

      <NumberField name="seed" label={t("staffCampaigns.sample.seed")} hint={t("staffCampaigns.sample.seedHint")} value={text(values.seed)} error={errors.seed} inputMode="text" />
    </fieldset>
  );
}

/** Field names of the sample part, for carrying them through a GET. */
export function sampleQueryNames(values: FormValues): string[] {
  return ["sampleMode", "wanted", "oversample", "by1", "by2", "allocation", "seed", ...Object.keys(values).filter((name) => /^(share|quota)\./.test(name))];
}
