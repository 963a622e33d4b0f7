// One campaign of a study. While a draft: the sample drawn (strata, seed,
// spread), the email per language with its placeholders, a preview and a test
// send to yourself, and the schedule. Once scheduled: progress while sending
// (refreshed on its own), pause, resume, cancel (asked first), and the funnel.
// Researchers see counts only, never who.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/form";
import { useLanguage, useRootData, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDateTime, isLanguage, isMessageKey, languages, type Language, type MessageKey } from "~/infra/i18n/i18n";
import {
  campaignFor,
  campaignFunnel,
  campaignInputSchema,
  campaignProgress,
  cancelCampaign,
  drawForCampaign,
  pauseCampaign,
  previewEmail,
  resumeCampaign,
  scheduleCampaign,
  sendTestEmail,
  updateCampaign,
  type CampaignInput,
  type CampaignWithStudy,
} from "~/modules/campaigns/campaigns.server";
import { campaignPlaceholders } from "~/modules/campaigns/email";
import { sampleSpecSchema, segmentFiltersSchema } from "~/modules/recruitment/filters";
import { drawSample } from "~/modules/recruitment/sampling.server";
import { CompletenessTable } from "~/modules/studies/components/completeness";
import { localized } from "~/modules/studies/texts";
import { emailCompleteness, emailValues, issuesToErrors, readEmailTexts, readSchedule, scheduleValues, type EmailTexts, type Schedule } from "./campaign-form";
import styles from "./recruitment.css?url";
import { stratumLabel } from "./sample-form";
import { NumberField, type FieldErrors, type FormValues } from "./segment-form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Statuses in which messages are (or will soon be) going out: the page refreshes itself. */
const live = ["SCHEDULED", "SENDING"];
const REFRESH_SECONDS = 5;

async function load(request: Request, params: { id?: string; campaignId?: string }) {
  const { user } = await requirePermission(request, "studies.manage");
  const campaign = await campaignFor(user, params.campaignId ?? "");
  if (!campaign || campaign.studyId !== params.id) notFound();
  return { user, campaign };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, campaign } = await load(request, params);
  const url = new URL(request.url);
  const [progress, funnel] = await Promise.all([campaignProgress(user, campaign.id), campaignFunnel(user, campaign.id)]);
  if (!progress || !funnel) notFound();
  const previewLanguage = url.searchParams.get("preview");
  const preview = isLanguage(previewLanguage) ? previewEmail(campaign, previewLanguage) : null;
  const spec = sampleSpecSchema.safeParse(campaign.sample);
  // A draft shows its draw: drawing again with the same seed and the same
  // panel gives the same members, so this reads what was drawn (and says so
  // if the panel has changed since).
  const draw =
    campaign.status === "DRAFT" && campaign.seed && spec.success
      ? await drawSample({
          studyId: campaign.studyId,
          studyType: campaign.study.type,
          filters: segmentFiltersSchema.parse(campaign.filters),
          spec: spec.data,
          seed: campaign.seed,
        })
      : null;
  return data(
    {
      at: Date.now(),
      campaign: {
        id: campaign.id,
        name: campaign.name,
        status: campaign.status,
        seed: campaign.seed,
        sendAt: campaign.sendAt,
        startedAt: campaign.startedAt,
        finishedAt: campaign.finishedAt,
        closesAt: campaign.closesAt,
        ratePerMinute: campaign.ratePerMinute,
        reminderAfterDays: campaign.reminderAfterDays,
        maxReminders: campaign.maxReminders,
        spec: spec.success ? spec.data : null,
        email: emailValues(campaign.email),
        completeness: emailCompleteness(campaign.email),
        schedule: scheduleValues(campaign),
      },
      study: { id: campaign.study.id, title: campaign.study.title, status: campaign.study.status },
      progress,
      funnel,
      draw: draw ? { strata: draw.strata, spread: draw.spread, drawn: draw.members.length } : null,
      previewAsked: isLanguage(previewLanguage),
      preview: preview ? { language: previewLanguage as Language, used: preview.language, subject: preview.subject, text: preview.text } : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/** The module's input for this campaign with some parts replaced. */
function inputOf(campaign: CampaignWithStudy, change: { email?: EmailTexts; schedule?: Schedule }): CampaignInput {
  return {
    name: campaign.name,
    filters: segmentFiltersSchema.parse(campaign.filters),
    spec: sampleSpecSchema.parse(campaign.sample),
    seed: campaign.seed,
    email: change.email ?? (campaign.email as EmailTexts),
    sendAt: change.schedule ? change.schedule.sendAt : campaign.sendAt,
    ratePerMinute: change.schedule ? change.schedule.ratePerMinute : campaign.ratePerMinute,
    reminderAfterDays: change.schedule ? change.schedule.reminderAfterDays : campaign.reminderAfterDays,
    maxReminders: change.schedule ? change.schedule.maxReminders : campaign.maxReminders,
    closesAt: change.schedule ? change.schedule.closesAt : campaign.closesAt,
  };
}

type Refused = { ok: false; message: MessageKey; minutes?: number };
const refusedAnswer = (form: string, refusal: Refused) =>
  data({ form, errors: { form: refusal.message } as FieldErrors, values: {} as FormValues, minutes: refusal.minutes ?? null }, { status: 409 });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, campaign } = await load(request, params);
  const values = (await readForm(request)) as FormValues;
  const base = `/staff/studies/${campaign.studyId}/campaigns/${campaign.id}`;

  /** Saves a changed draft; a change the module takes as "who" is drawn again with the same seed. */
  const save = async (form: "email" | "schedule", input: CampaignInput) => {
    const checked = campaignInputSchema.safeParse(input);
    if (!checked.success) return { answer: data({ form, errors: issuesToErrors(checked.error.issues), values, minutes: null }, { status: 400 }) };
    const saved = await updateCampaign(user, campaign.id, input);
    if (!saved) notFound();
    if (!saved.ok) return { answer: refusedAnswer(form, saved) };
    if (saved.redraw) await drawForCampaign(user, campaign.id);
    return { answer: null };
  };

  switch (values.intent) {
    case "email": {
      const { answer } = await save("email", inputOf(campaign, { email: readEmailTexts(values) }));
      return answer ?? redirect(`${base}?saved=email#email`);
    }
    case "test": {
      const language = values.language;
      if (typeof language !== "string" || !isLanguage(language)) badRequest();
      const sent = await sendTestEmail(user, campaign.id, language);
      if (!sent) notFound();
      if (!sent.ok) return refusedAnswer("test", sent);
      return redirect(`${base}?tested=${sent.language}#test`);
    }
    case "draw": {
      const drawn = await drawForCampaign(user, campaign.id);
      if (!drawn) notFound();
      if (!drawn.ok) return refusedAnswer("draw", drawn);
      return redirect(`${base}?drawn=1#sample`);
    }
    case "schedule": {
      const read = readSchedule(values);
      if (!read.ok) return data({ form: "schedule", errors: read.errors, values, minutes: null }, { status: 400 });
      const { answer } = await save("schedule", inputOf(campaign, { schedule: read.schedule }));
      if (answer) return answer;
      const scheduled = await scheduleCampaign(user, campaign.id);
      if (!scheduled) notFound();
      if (!scheduled.ok) return refusedAnswer("schedule", scheduled);
      return redirect(`${base}?scheduled=${scheduled.status}#progress`);
    }
    case "pause":
    case "resume": {
      const changed = values.intent === "pause" ? await pauseCampaign(user, campaign.id) : await resumeCampaign(user, campaign.id);
      if (!changed) notFound();
      if (!changed.ok) return refusedAnswer("control", changed);
      return redirect(`${base}?changed=${values.intent}#progress`);
    }
    case "cancel": {
      if (values.confirm !== "yes") return redirect(`${base}?confirm=cancel#progress`);
      const cancelled = await cancelCampaign(user, campaign.id);
      if (!cancelled) notFound();
      if (!cancelled.ok) return refusedAnswer("control", cancelled);
      return redirect(`${base}?changed=cancel#progress`);
    }
  }
  badRequest();
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * Progress refreshes itself while messages go out: with JavaScript a fetcher
 * reloads the page's data every few seconds; without it a meta refresh does
 * (inside <noscript>), which the reader may switch off (WCAG 2.2.1).
 */
function useLiveData(loaded: Loaded, refreshing: boolean) {
  const fetcher = useFetcher<typeof loader>();
  const location = useLocation();
  const status = (fetcher.data && fetcher.data.at > loaded.at ? fetcher.data : loaded).campaign.status;
  useEffect(() => {
    if (!refreshing || !live.includes(status)) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") fetcher.load(location.pathname);
    }, REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetcher.load is stable enough; restart only when these change
  }, [refreshing, status, location.pathname]);
  return fetcher.data && fetcher.data.at > loaded.at ? fetcher.data : loaded;
}

export default function CampaignPage() {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const refreshing = params.get("refresh") !== "off";
  const view = useLiveData(loaded, refreshing);
  const { campaign, study, funnel } = view;
  const base = `/staff/studies/${study.id}/campaigns/${campaign.id}`;
  const title = localized(study.title, language) || t("studies.untitled");
  const draft = campaign.status === "DRAFT";
  const errors: FieldErrors = failed?.errors ?? {};
  const formError = (form: string) => (failed?.form === form ? failed.errors.form : undefined);

  return (
    <>
      {refreshing && live.includes(campaign.status) ? (
        <noscript>
          <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
        </noscript>
      ) : null}
      <p>
        <Link to={`/staff/studies/${study.id}/campaigns`}>{t("staffCampaigns.backToCampaigns")}</Link>
      </p>
      <h1>{t("staffCampaigns.campaignTitle", { name: campaign.name })}</h1>
      <p>{t("staffCampaigns.ofStudy", { title })}</p>
      <p aria-live="polite" id="status">
        {t("staffCampaigns.statusLine", { status: t(`staffCampaigns.status.${campaign.status}` as MessageKey) })}
      </p>
      <Notices />

      <SampleSection view={view} base={base} error={formError("draw")} />

      <EmailSection view={view} base={base} draft={draft} failed={failed?.form === "email" ? { errors, values: failed.values } : undefined} />

      <TestSection view={view} base={base} error={formError("test")} minutes={failed?.form === "test" ? failed.minutes : null} />

      {draft ? (
        <ScheduleSection view={view} base={base} failed={failed?.form === "schedule" ? { errors, values: failed.values } : undefined} />
      ) : (
        <ProgressSection view={view} base={base} refreshing={refreshing} error={formError("control")} />
      )}

      <FunnelSection funnel={funnel} />
    </>
  );
}

function Notices() {
  const t = useT();
  const [params] = useSearchParams();
  const email = useRootData()?.user?.email ?? "";
  const notices: string[] = [];
  if (params.get("created")) notices.push(t("staffCampaigns.notice.created"));
  if (params.get("drawn")) notices.push(t("staffCampaigns.notice.drawn"));
  if (params.get("saved") === "email") notices.push(t("staffCampaigns.notice.emailSaved"));
  const tested = params.get("tested");
  if (isLanguage(tested)) notices.push(t("staffCampaigns.notice.tested", { language: t(`lang.${tested}` as MessageKey), email }));
  const scheduled = params.get("scheduled");
  if (scheduled === "SCHEDULED" || scheduled === "SENDING") notices.push(t(`staffCampaigns.notice.scheduled.${scheduled}` as MessageKey));
  const changed = params.get("changed");
  if (changed === "pause" || changed === "resume" || changed === "cancel") notices.push(t(`staffCampaigns.notice.${changed}` as MessageKey));
  if (notices.length === 0) return null;
  return (
    <div className="success" role="status">
      {notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}

function SampleSection({ view, base, error }: { view: Loaded; base: string; error?: MessageKey }) {
  const t = useT();
  const language = useLanguage();
  const { campaign, draw, funnel } = view;
  const spec = campaign.spec;
  const by = spec?.mode === "stratified" ? spec.by : [];
  return (
    <section aria-labelledby="sample-title" id="sample">
      <h2 id="sample-title">{t("staffCampaigns.sample.title")}</h2>
      {spec ? (
        <p>
          {spec.mode === "stratified"
            ? t("staffCampaigns.sample.summaryStratified", {
                by: spec.by.map((attribute) => t(`studies.attribute.${attribute}` as MessageKey)).join(" × "),
                wanted: spec.wanted,
                oversample: spec.oversample,
              })
            : t("staffCampaigns.sample.summarySimple", { wanted: spec.wanted, oversample: spec.oversample })}
        </p>
      ) : null}
      {campaign.seed ? (
        <p>
          {t("staffCampaigns.sample.seedShown")} <code>{campaign.seed}</code>
        </p>
      ) : (
        <p>{t("staffCampaigns.sample.notDrawn")}</p>
      )}
      <p>{t("staffCampaigns.sample.selected", { count: funnel.selected })}</p>
      {draw && draw.drawn !== funnel.selected ? <p className="notice">{t("staffCampaigns.sample.changed", { now: draw.drawn })}</p> : null}
      {draw ? (
        <>
          <div className="table-wrap">
            <table className="figures">
              <caption>{t("staffCampaigns.strata.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("staffCampaigns.strata.stratum")}</th>
                  <th scope="col" className="number">
                    {t("staffCampaigns.strata.available")}
                  </th>
                  <th scope="col" className="number">
                    {t("staffCampaigns.strata.target")}
                  </th>
                  <th scope="col" className="number">
                    {t("staffCampaigns.strata.drawn")}
                  </th>
                  <th scope="col" className="number">
                    {t("staffCampaigns.strata.quota")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {draw.strata.map((stratum) => (
                  <tr key={stratum.key}>
                    <th scope="row">{stratumLabel(stratum.key, by, t, language)}</th>
                    <td className="number">{stratum.available}</td>
                    <td className="number">{stratum.target}</td>
                    <td className="number">{stratum.drawn}</td>
                    <td className="number">{stratum.quota ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {draw.strata.some((stratum) => stratum.drawn < stratum.target) ? <p className="hint">{t("staffCampaigns.strata.short")}</p> : null}
          <div className="table-wrap">
            <table className="figures">
              <caption>{t("staffCampaigns.spread.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("staffCampaigns.spread.invitations")}</th>
                  <th scope="col" className="number">
                    {t("staffCampaigns.spread.members")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {draw.spread.map((row) => (
                  <tr key={row.invitationsLast12Months}>
                    <th scope="row">{t("staffCampaigns.spread.row", { count: row.invitationsLast12Months })}</th>
                    <td className="number">{row.members}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">{t("staffCampaigns.spread.hint")}</p>
        </>
      ) : null}
      {campaign.status === "DRAFT" ? (
        <Form method="post" action={base}>
          {error ? (
            <p className="field-error" role="alert">
              {t(error)}
            </p>
          ) : null}
          <input type="hidden" name="intent" value="draw" />
          <p className="hint">{t("staffCampaigns.sample.drawAgainHint")}</p>
          <button type="submit" className="secondary">
            {campaign.seed ? t("staffCampaigns.sample.drawAgain") : t("staffCampaigns.sample.draw")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function EmailSection({
  view,
  base,
  draft,
  failed,
}: {
  view: Loaded;
  base: string;
  draft: boolean;
  failed?: { errors: FieldErrors; values: FormValues };
}) {
  const t = useT();
  const { campaign, preview } = view;
  const values = failed?.values ?? campaign.email;
  const errors = failed?.errors ?? {};
  const languageName = (language: Language) => t(`lang.${language}` as MessageKey);
  const labels: Record<string, string> = { form: t("staffCampaigns.email.title"), email: t("staffCampaigns.email.title") };
  for (const language of languages) {
    labels[`subject_${language}`] = t("staffCampaigns.email.subjectIn", { language: languageName(language) });
    labels[`body_${language}`] = t("staffCampaigns.email.bodyIn", { language: languageName(language) });
  }
  const fieldError = (name: string) => errors[name];
  return (
    <section aria-labelledby="email-title" id="email">
      <h2 id="email-title">{t("staffCampaigns.email.title")}</h2>
      <CompletenessTable completeness={campaign.completeness} caption={t("staffCampaigns.email.completeness")} />
      <p className="hint">{t("staffCampaigns.email.languageRule")}</p>
      <div className="placeholder-list" id="placeholders">
        <p>{t("staffCampaigns.email.placeholders")}</p>
        <ul>
          {campaignPlaceholders.map((name) => (
            <li key={name}>
              <code>{`{${name}}`}</code> – {t(`staffCampaigns.placeholder.${name}` as MessageKey)}
            </li>
          ))}
        </ul>
      </div>
      {draft ? (
        <Form method="post" action={`${base}#email`} noValidate>
          <ErrorSummary state={{ errors }} labels={labels} />
          <input type="hidden" name="intent" value="email" />
          {languages.map((language) => {
            const subjectName = `subject_${language}`;
            const bodyName = `body_${language}`;
            return (
              <fieldset key={language} className="segment-group">
                <legend>{t("studies.field.inLanguage", { language: languageName(language) })}</legend>
                <div className={fieldError(subjectName) ? "field field-invalid" : "field"}>
                  <label htmlFor={subjectName}>{labels[subjectName]}</label>
                  {fieldError(subjectName) ? (
                    <p className="field-error" id={`${subjectName}-error`}>
                      {t(fieldError(subjectName)!)}
                    </p>
                  ) : null}
                  <input
                    id={subjectName}
                    name={subjectName}
                    lang={language}
                    maxLength={200}
                    autoComplete="off"
                    defaultValue={typeof values[subjectName] === "string" ? (values[subjectName] as string) : ""}
                    aria-invalid={fieldError(subjectName) ? true : undefined}
                    aria-describedby={[fieldError(subjectName) ? `${subjectName}-error` : null, "placeholders"].filter(Boolean).join(" ")}
                  />
                </div>
                <div className={fieldError(bodyName) ? "field field-invalid" : "field"}>
                  <label htmlFor={bodyName}>{labels[bodyName]}</label>
                  <p className="hint" id={`${bodyName}-hint`}>
                    {t("staffCampaigns.email.bodyHint")}
                  </p>
                  {fieldError(bodyName) ? (
                    <p className="field-error" id={`${bodyName}-error`}>
                      {t(fieldError(bodyName)!)}
                    </p>
                  ) : null}
                  <textarea
                    id={bodyName}
                    name={bodyName}
                    lang={language}
                    rows={8}
                    cols={60}
                    maxLength={5000}
                    defaultValue={typeof values[bodyName] === "string" ? (values[bodyName] as string) : ""}
                    aria-invalid={fieldError(bodyName) ? true : undefined}
                    aria-describedby={[`${bodyName}-hint`, fieldError(bodyName) ? `${bodyName}-error` : null, "placeholders"].filter(Boolean).join(" ")}
                  />
                </div>
              </fieldset>
            );
          })}
          <button type="submit" className="primary">
            {t("staffCampaigns.email.save")}
          </button>
        </Form>
      ) : (
        <p className="hint">{t("staffCampaigns.email.locked")}</p>
      )}

      <nav aria-label={t("staffCampaigns.preview.nav")} id="preview">
        <p>{t("staffCampaigns.preview.in")}</p>
        <ul className="link-list">
          {languages.map((language) => (
            <li key={language}>
              <Link to={`${base}?preview=${language}#preview-title`} aria-current={preview?.language === language ? "true" : undefined}>
                {languageName(language)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {preview ? (
        <div className="email-preview" aria-labelledby="preview-title">
          <h3 id="preview-title" tabIndex={-1}>
            {t("staffCampaigns.preview.title", { language: languageName(preview.language) })}
          </h3>
          {preview.used !== preview.language ? (
            <p className="notice">{t("staffCampaigns.preview.fallback", { language: languageName(preview.used) })}</p>
          ) : null}
          <p>
            <strong>{t("staffCampaigns.preview.subject")}</strong> <span lang={preview.used}>{preview.subject}</span>
          </p>
          <pre lang={preview.used}>{preview.text}</pre>
        </div>
      ) : view.previewAsked ? (
        <p className="notice" role="status">
          {t("staffCampaigns.preview.none")}
        </p>
      ) : null}
    </section>
  );
}

function TestSection({ view, base, error, minutes }: { view: Loaded; base: string; error?: MessageKey; minutes: number | null }) {
  const t = useT();
  const email = useRootData()?.user?.email ?? "";
  const written = languages.filter((language) => view.campaign.completeness[language].filled === 2);
  return (
    <section aria-labelledby="test-title" id="test" className="narrow">
      <h2 id="test-title">{t("staffCampaigns.test.title")}</h2>
      <p className="hint">{t("staffCampaigns.test.hint", { email })}</p>
      {error ? (
        <p className="field-error" role="alert">
          {t(error, minutes ? { minutes } : undefined)}
        </p>
      ) : null}
      {written.length === 0 ? (
        <p className="hint">{t("staffCampaigns.test.noText")}</p>
      ) : (
        <Form method="post" action={`${base}#test`}>
          <input type="hidden" name="intent" value="test" />
          <div className="field">
            <label htmlFor="test-language">{t("staffCampaigns.test.language")}</label>
            <select id="test-language" name="language" defaultValue={written[0]}>
              {written.map((language) => (
                <option key={language} value={language}>
                  {t(`lang.${language}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            {t("staffCampaigns.test.send")}
          </button>
        </Form>
      )}
    </section>
  );
}

function ScheduleSection({ view, base, failed }: { view: Loaded; base: string; failed?: { errors: FieldErrors; values: FormValues } }) {
  const t = useT();
  const { campaign, study } = view;
  const values = failed?.values ?? campaign.schedule;
  const errors = failed?.errors ?? {};
  const value = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const labels = {
    form: t("staffCampaigns.schedule.title"),
    sendAt: t("staffCampaigns.schedule.sendAt"),
    ratePerMinute: t("staffCampaigns.schedule.rate"),
    reminderAfterDays: t("staffCampaigns.schedule.reminderAfter"),
    maxReminders: t("staffCampaigns.schedule.maxReminders"),
    closesAt: t("staffCampaigns.schedule.closesAt"),
    email: t("staffCampaigns.email.title"),
  };
  const dateField = (name: "sendAt" | "closesAt", hint: string) => (
    <Field
      name={name}
      label={labels[name]}
      hint={hint}
      type="datetime-local"
      defaultValue={value(name)}
      state={errors[name] ? { errors: { [name]: errors[name]! } } : undefined}
    />
  );
  return (
    <section aria-labelledby="schedule-title" id="schedule" className="narrow">
      <h2 id="schedule-title">{t("staffCampaigns.schedule.title")}</h2>
      {study.status !== "RECRUITING" ? <p className="notice">{t("staffCampaigns.schedule.studyNotOpen")}</p> : null}
      <Form method="post" action={`${base}#schedule`} noValidate>
        <ErrorSummary state={{ errors }} labels={labels} />
        <input type="hidden" name="intent" value="schedule" />
        {dateField("sendAt", t("staffCampaigns.schedule.sendAtHint"))}
        <NumberField
          name="ratePerMinute"
          label={labels.ratePerMinute}
          hint={t("staffCampaigns.schedule.rateHint")}
          value={value("ratePerMinute")}
          error={errors.ratePerMinute}
        />
        <fieldset className="field">
          <legend>{t("staffCampaigns.schedule.reminders")}</legend>
          <NumberField
            name="reminderAfterDays"
            label={labels.reminderAfterDays}
            hint={t("staffCampaigns.schedule.reminderAfterHint")}
            value={value("reminderAfterDays")}
            error={errors.reminderAfterDays}
          />
          <NumberField
            name="maxReminders"
            label={labels.maxReminders}
            hint={t("staffCampaigns.schedule.maxRemindersHint")}
            value={value("maxReminders")}
            error={errors.maxReminders}
          />
        </fieldset>
        {dateField("closesAt", t("staffCampaigns.schedule.closesAtHint"))}
        <p className="hint">{t("staffCampaigns.schedule.confirmHint", { count: view.funnel.selected })}</p>
        <button type="submit" className="primary">
          {t("staffCampaigns.schedule.submit")}
        </button>
      </Form>
    </section>
  );
}

function ProgressSection({ view, base, refreshing, error }: { view: Loaded; base: string; refreshing: boolean; error?: MessageKey }) {
  const t = useT();
  const language = useLanguage();
  const [params] = useSearchParams();
  const { campaign, progress } = view;
  const confirming = params.get("confirm") === "cancel" && ["SCHEDULED", "SENDING", "PAUSED"].includes(campaign.status);
  const rows: [MessageKey, number][] = [
    ["staffCampaigns.progress.queued", progress.queued + progress.sending],
    ["staffCampaigns.progress.sent", progress.sent],
    ["staffCampaigns.progress.failed", progress.failed],
    ["staffCampaigns.progress.bounced", progress.bounced],
    ["staffCampaigns.progress.blocked", progress.blocked],
    ["staffCampaigns.progress.cancelled", progress.cancelled],
  ];
  return (
    <section aria-labelledby="progress-title" id="progress">
      <h2 id="progress-title">{t("staffCampaigns.progress.title")}</h2>
      <ul>
        {campaign.sendAt ? <li>{t("staffCampaigns.progress.sendAt", { when: formatDateTime(campaign.sendAt, language) })}</li> : null}
        {campaign.startedAt ? <li>{t("staffCampaigns.progress.startedAt", { when: formatDateTime(campaign.startedAt, language) })}</li> : null}
        {campaign.finishedAt ? <li>{t("staffCampaigns.progress.finishedAt", { when: formatDateTime(campaign.finishedAt, language) })}</li> : null}
        <li>{t("staffCampaigns.progress.rate", { rate: campaign.ratePerMinute })}</li>
        <li>
          {campaign.reminderAfterDays
            ? t("staffCampaigns.progress.reminders", { days: campaign.reminderAfterDays, max: campaign.maxReminders })
            : t("staffCampaigns.progress.noReminders")}
        </li>
        <li>
          {campaign.closesAt
            ? t("staffCampaigns.progress.closesAt", { when: formatDateTime(campaign.closesAt, language) })
            : t("staffCampaigns.progress.noClose")}
        </li>
      </ul>
      <div className="table-wrap">
        <table className="figures">
          <caption>{t("staffCampaigns.progress.caption")}</caption>
          <tbody>
            {rows.map(([key, count]) => (
              <tr key={key}>
                <th scope="row">{t(key)}</th>
                <td className="number">{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {progress.maybeDuplicate > 0 ? <p className="notice">{t("staffCampaigns.progress.maybeDuplicate", { count: progress.maybeDuplicate })}</p> : null}
      {live.includes(campaign.status) ? (
        <p className="hint">
          {refreshing ? t("staffCampaigns.progress.refreshing", { seconds: REFRESH_SECONDS }) : t("staffCampaigns.progress.notRefreshing")}{" "}
          <Link to={refreshing ? `${base}?refresh=off#progress` : `${base}#progress`}>
            {refreshing ? t("staffCampaigns.progress.stopRefresh") : t("staffCampaigns.progress.startRefresh")}
          </Link>
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {confirming ? (
        <div className="notice" role="alertdialog" aria-labelledby="cancel-title" aria-describedby="cancel-body">
          <h3 id="cancel-title">{t("staffCampaigns.cancel.confirmTitle")}</h3>
          <p id="cancel-body">{t("staffCampaigns.cancel.confirmBody", { count: progress.queued })}</p>
          <Form method="post" action={base}>
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" className="primary danger">
              {t("staffCampaigns.cancel.confirm")}
            </button>{" "}
            <Link to={`${base}#progress`}>{t("staffCampaigns.cancel.keep")}</Link>
          </Form>
        </div>
      ) : (
        <div className="form-buttons">
          {live.includes(campaign.status) ? (
            <Form method="post" action={base}>
              <input type="hidden" name="intent" value="pause" />
              <button type="submit" className="secondary">
                {t("staffCampaigns.control.pause")}
              </button>
            </Form>
          ) : null}
          {campaign.status === "PAUSED" ? (
            <Form method="post" action={base}>
              <input type="hidden" name="intent" value="resume" />
              <button type="submit" className="primary">
                {t("staffCampaigns.control.resume")}
              </button>
            </Form>
          ) : null}
          {["SCHEDULED", "SENDING", "PAUSED"].includes(campaign.status) ? (
            <Form method="post" action={base}>
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="secondary">
                {t("staffCampaigns.control.cancel")}
              </button>
            </Form>
          ) : null}
        </div>
      )}
    </section>
  );
}

function FunnelSection({ funnel }: { funnel: Loaded["funnel"] }) {
  const t = useT();
  const reasons = Object.entries(funnel.blocked.byReason).sort((a, b) => b[1] - a[1]);
  const waiting = funnel.selected - funnel.blocked.total - funnel.sent - funnel.failed - funnel.bounced;
  const reasonLabel = (reason: string) => {
    const key = `staffCampaigns.reason.${reason}`;
    return isMessageKey(key) ? t(key) : t("staffCampaigns.reason.other");
  };
  return (
    <section aria-labelledby="funnel-title" id="funnel">
      <h2 id="funnel-title">{t("staffCampaigns.funnel.title")}</h2>
      <p className="hint">{t("staffCampaigns.funnel.hint")}</p>
      <div className="table-wrap">
        <table className="figures">
          <caption>{t("staffCampaigns.funnel.caption")}</caption>
          <tbody>
            <tr>
              <th scope="row">{t("staffCampaigns.funnel.selected")}</th>
              <td className="number">{funnel.selected}</td>
            </tr>
            <tr>
              <th scope="row">{t("staffCampaigns.funnel.blocked")}</th>
              <td className="number">{funnel.blocked.total}</td>
            </tr>
            {reasons.map(([reason, count]) => (
              <tr key={reason}>
                <th scope="row" className="indent">
                  {t("staffCampaigns.funnel.blockedBecause", { reason: reasonLabel(reason) })}
                </th>
                <td className="number">{count}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("staffCampaigns.funnel.waiting")}</th>
              <td className="number">{Math.max(0, waiting)}</td>
            </tr>
            <tr>
              <th scope="row">{t("staffCampaigns.funnel.sent")}</th>
              <td className="number">{funnel.sent}</td>
            </tr>
            <tr>
              <th scope="row">{t("staffCampaigns.funnel.failed")}</th>
              <td className="number">{funnel.failed}</td>
            </tr>
            <tr>
              <th scope="row">{t("staffCampaigns.funnel.bounced")}</th>
              <td className="number">{funnel.bounced}</td>
            </tr>
            <tr>
              <th scope="row">{t("staffCampaigns.funnel.completed")}</th>
              <td className="number">{funnel.completed}</td>
            </tr>
            <tr>
              <th scope="row">{t("staffCampaigns.funnel.unsubscribed")}</th>
              <td className="number">{funnel.unsubscribed}</td>
            </tr>
            <tr>
              <th scope="row">{t("staffCampaigns.funnel.reminders")}</th>
              <td className="number">{funnel.remindersSent}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
