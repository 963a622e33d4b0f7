import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/form";
import { useLanguage, useRootData, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { can } from "~/infra/auth/roles";
import { env } from "~/infra/env.server";
import { parseValues, readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDateTime, languages, type MessageKey } from "~/infra/i18n/i18n";
import { readyToPublish } from "~/modules/studies/builder";
import { builderView } from "~/modules/studies/builder-actions.server";
import { CompletenessTable } from "~/modules/studies/components/completeness";
import { StudySettingsForm } from "~/modules/studies/components/study-settings-form";
import { funnel } from "~/modules/studies/invitations.server";
import { moveStudy } from "~/modules/studies/lifecycle.server";
import { nextStatuses, studyFor, updateStudy } from "~/modules/studies/studies.server";
import { studySettingsLists, studySettingsSchema, studyStatusChoices, toFormValues, toStudyInput } from "~/modules/studies/study-form";
import { teamCandidates, teamIsValid } from "~/modules/studies/team.server";
import { localized } from "~/modules/studies/texts";

/** Closing and archiving stop answering or hide the study: they ask first. */
const needsConfirmation = ["CLOSED", "ARCHIVED"] as const;
const statusSchema = z.object({ status: z.enum(studyStatusChoices), confirm: z.string().optional() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const study = await studyFor(user, params.id ?? "");
  if (!study) notFound();
  const [survey, candidates, invitations] = await Promise.all([builderView(user, study.id), teamCandidates(study.ownerId), funnel(study.id)]);
  if (!survey) notFound();
  return {
    study: {
      id: study.id,
      type: study.type,
      status: study.status,
      title: study.title,
      minGroupSize: study.minGroupSize,
      closesAt: study.closesAt,
      responseQuota: study.responseQuota,
      owner: study.owner ? study.owner.name || study.owner.email : null,
      createdAt: study.createdAt,
    },
    invitations,
    openLink: study.openLinkToken ? `${env().PUBLIC_URL}/o/${study.openLinkToken}` : null,
    initial: toFormValues({ ...study, teamIds: study.team.map((member) => member.userId) }),
    candidates,
    next: nextStatuses[study.status],
    survey: {
      version: survey.version,
      completeness: survey.completeness,
      questions: survey.definition.sections.reduce((sum, section) => sum + section.questions.length, 0),
      ready: readyToPublish(survey.definition, survey.completeness),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const study = await studyFor(user, params.id ?? "");
  if (!study) notFound();
  const values = await readForm(request, studySettingsLists);
  const back = `/staff/studies/${study.id}`;

  if (values.intent === "save") {
    const parsed = parseValues(values, studySettingsSchema);
    if (!parsed.ok) return data({ form: "settings" as const, errors: parsed.errors, values: parsed.values }, { status: 400 });
    if (!(await teamIsValid(parsed.data.team))) {
      return data({ form: "settings" as const, errors: { team: "studies.form.teamUnknown" as MessageKey }, values: parsed.values }, { status: 400 });
    }
    if (!(await updateStudy(user, study.id, toStudyInput(parsed.data)))) notFound();
    return redirect(`${back}?saved=1`);
  }

  if (values.intent === "status") {
    const parsed = statusSchema.safeParse(values);
    if (!parsed.success) badRequest();
    const { status, confirm } = parsed.data;
    if ((needsConfirmation as readonly string[]).includes(status) && confirm !== "yes") {
      return redirect(`${back}?confirm=${status}#status`);
    }
    const moved = await moveStudy(user, study.id, status);
    if (!moved) notFound();
    if (!moved.ok) {
      const key: MessageKey = moved.reason === "survey-incomplete" ? "studies.lifecycle.incomplete" : "studies.lifecycle.notAllowed";
      return data({ form: "status" as const, errors: { status: key } }, { status: 400 });
    }
    return redirect(`${back}?changed=${status}#status`);
  }

  badRequest();
}

export default function Study() {
  const t = useT();
  const language = useLanguage();
  const root = useRootData();
  const { study, initial, candidates, next, survey, invitations, openLink } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirming = next.find((status) => status === params.get("confirm"));
  const changed = studyStatusChoices.find((status) => status === params.get("changed"));
  const statusError = failed?.form === "status" ? failed.errors.status : undefined;
  const invited = params.get("invited");
  const inviteState = params.get("inviteError") ? { errors: { count: "studies.invite.invalid" as MessageKey } } : undefined;
  const title = localized(study.title, language) || t("studies.untitled");
  const base = `/staff/studies/${study.id}`;

  return (
    <>
      <p>
        <Link to="/staff/studies">{t("studies.backToList")}</Link>
      </p>
      <h1>{title}</h1>
      {params.get("created") ? (
        <p className="success" role="status">
          {t("studies.created")}
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="success" role="status">
          {t("studies.saved")}
        </p>
      ) : null}

      <div className="table-wrap">
        <table>
          <tbody>
            <tr>
              <th scope="row">{t("studies.status")}</th>
              <td>{t(`studies.status.${study.status}` as MessageKey)}</td>
            </tr>
            <tr>
              <th scope="row">{t("studies.field.type")}</th>
              <td>{t(`studies.type.${study.type}` as MessageKey)}</td>
            </tr>
            <tr>
              <th scope="row">{t("studies.owner")}</th>
              <td>{study.owner ?? "–"}</td>
            </tr>
            <tr>
              <th scope="row">{t("studies.field.k")}</th>
              <td>{study.minGroupSize}</td>
            </tr>
            <tr>
              <th scope="row">{t("studies.field.closesAt")}</th>
              <td>{study.closesAt ? formatDateTime(study.closesAt, language) : t("studies.noClosing")}</td>
            </tr>
            <tr>
              <th scope="row">{t("studies.field.quota")}</th>
              <td>{study.responseQuota ?? t("studies.noQuota")}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <section aria-labelledby="survey-title">
        <h2 id="survey-title">{t("studies.surveyHeading")}</h2>
        <p>
          {survey.version.frozen
            ? t("studies.versionFrozen", { version: survey.version.number, next: survey.version.number + 1 })
            : t("studies.versionDraft", { version: survey.version.number })}{" "}
          {t("studies.questionCount", { count: survey.questions })}
        </p>
        <CompletenessTable completeness={survey.completeness} caption={t("studies.completeness.caption")} />
        <ul className="link-list">
          <li>
            <Link to={`${base}/survey`}>{t("studies.editSurvey")}</Link>
          </li>
          {languages.map((l) => (
            <li key={l}>
              <Link to={`${base}/preview?language=${l}`}>{t("studies.previewIn", { language: t(`lang.${l}` as MessageKey) })}</Link>
            </li>
          ))}
          <li>
            <Link to={`${base}/results`}>{t("studies.results")}</Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="status-title" id="status">
        <h2 id="status-title">{t("studies.lifecycle.title")}</h2>
        <p>{t("studies.lifecycle.current", { status: t(`studies.status.${study.status}` as MessageKey) })}</p>
        {changed ? (
          <p className="success" role="status">
            {t("studies.lifecycle.changed", { status: t(`studies.status.${changed}` as MessageKey) })}
          </p>
        ) : null}
        {statusError ? (
          <p className="field-error" role="alert" id="status-error">
            {t(statusError)}
          </p>
        ) : null}
        {study.type === "SURVEY" && next.includes("RECRUITING") && !survey.ready ? <p className="hint">{t("studies.lifecycle.notReadyHint")}</p> : null}
        {confirming ? (
          <div className="notice" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-body">
            <h3 id="confirm-title">{t(`studies.lifecycle.confirmTitle.${confirming}` as MessageKey)}</h3>
            <p id="confirm-body">{t(`studies.lifecycle.confirmBody.${confirming}` as MessageKey)}</p>
            <Form method="post" action={base}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={confirming} />
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" className="primary danger">
                {t(`studies.lifecycle.confirm.${confirming}` as MessageKey)}
              </button>{" "}
              <Link to={`${base}#status`}>{t("studies.cancel")}</Link>
            </Form>
          </div>
        ) : next.length === 0 ? (
          <p>{t("studies.lifecycle.final")}</p>
        ) : (
          <div className="survey-buttons">
            {next.map((status) => (
              <Form method="post" action={base} key={status}>
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="status" value={status} />
                <button type="submit" className={status === "RECRUITING" ? "primary" : "secondary"} aria-describedby={`hint-${status}`}>
                  {t(`studies.lifecycle.to.${status}` as MessageKey)}
                </button>
                <p className="hint" id={`hint-${status}`}>
                  {t(`studies.lifecycle.hint.${status}` as MessageKey)}
                </p>
              </Form>
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="invite-title" id="invite" className="narrow">
        <h2 id="invite-title">{t("studies.invite.title")}</h2>
        <p>{t("studies.invite.funnel", { invited: invitations.invited, completed: invitations.completed })}</p>
        {invited !== null && /^\d+$/.test(invited) ? (
          <p className="success" role="status">
            {t("studies.invite.sent", { count: Number(invited) })}
          </p>
        ) : null}
        {study.status === "RECRUITING" ? (
          <Form method="post" action={`${base}/invite`} noValidate>
            <Field
              name="count"
              label={t("studies.invite.count")}
              hint={t("studies.invite.countHint")}
              state={inviteState}
              inputMode="numeric"
              autoComplete="off"
              defaultValue="100"
            />
            <button type="submit" className="primary">
              {t("studies.invite.submit")}
            </button>
          </Form>
        ) : (
          <p className="hint">{t("studies.invite.notRecruiting")}</p>
        )}
      </section>

      <section aria-labelledby="campaigns-title" id="campaigns" className="narrow">
        <h2 id="campaigns-title">{t("campaignsNav.studyCampaigns")}</h2>
        <p className="hint">{t("campaignsNav.studyCampaignsHint")}</p>
        <p>
          <Link to={`${base}/campaigns`}>{t("campaignsNav.studyCampaigns")}</Link>
        </p>
      </section>

      {study.type !== "SURVEY" ? (
        <section aria-labelledby="slots-title" id="slots" className="narrow">
          <h2 id="slots-title">{t("nav.workshops")}</h2>
          <p>
            <Link to={`${base}/slots`}>{t("nav.workshops")}</Link>
          </p>
        </section>
      ) : null}

      {can(root?.user?.roles, "incentives.manage") ? (
        <section aria-labelledby="rewards-title" id="rewards" className="narrow">
          <h2 id="rewards-title">{t("incentivesStaff.studyLink.title")}</h2>
          <p className="hint">{t("incentivesStaff.studyLink.hint")}</p>
          <p>
            <Link to={`${base}/rewards`}>{t("incentivesStaff.studyLink.link")}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="open-link-title" id="open-link" className="narrow">
        <h2 id="open-link-title">{t("studies.openLink.title")}</h2>
        <p className="hint">{t("studies.openLink.hint")}</p>
        {openLink ? (
          <p>
            {t("studies.openLink.on")} <a href={openLink}>{openLink}</a>
          </p>
        ) : (
          <p>{t("studies.openLink.off")}</p>
        )}
        <Form method="post" action={`${base}/open-link`}>
          <input type="hidden" name="intent" value={openLink ? "disable" : "enable"} />
          <button type="submit" className="secondary">
            {openLink ? t("studies.openLink.disable") : t("studies.openLink.enable")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="settings-title" className="narrow">
        <h2 id="settings-title">{t("studies.settings")}</h2>
        <StudySettingsForm
          server={failed?.form === "settings" ? failed : undefined}
          initial={initial}
          candidates={candidates}
          submitLabel={t("studies.save")}
          intent="save"
        />
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
