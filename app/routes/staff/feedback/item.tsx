// One feedback item for a handler: every field (contact details only here),
// its recurrence group, the status flow, reassignment, the action log with a
// form to record an action, "led to a change", the reply to the customer, the
// churn-risk flag and publishing to "you said, we did". Each form posts with
// its own intent and redirects back: it all works without JavaScript.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmBox, ErrorSummary, TextArea } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDate, formatDateTime, languages, type MessageKey } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import {
  changeStatus,
  feedbackItem,
  isUuid,
  markChange,
  publishChange,
  recordAction,
  reassign,
  replyToCustomer,
  setChurnRisk,
  unpublishChange,
  type FeedbackItem,
  type Outcome,
} from "~/modules/feedback/handling.server";
import { nextStatuses } from "~/modules/feedback/handling";
import { formatWaiting, waitingMs } from "~/modules/feedback/waiting";
import styles from "./feedback.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const intents = ["status", "assign", "action", "change", "reply", "churn", "publish", "unpublish"] as const;
type Intent = (typeof intents)[number];
/** Where each form sits on the page, to come back to it. */
const anchors: Record<Intent, string> = {
  status: "status",
  assign: "assign",
  action: "log",
  change: "change",
  reply: "reply",
  churn: "churn",
  publish: "publish",
  unpublish: "publish",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.handle");
  const language = resolveLanguage(request, user.language);
  const item = await feedbackItem(params.id ?? "", language);
  if (!item) notFound();
  // Contact details: never kept in a shared cache.
  return data({ item, now: new Date().toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

interface Failure {
  form: Intent;
  errors: Record<string, MessageKey>;
  values: Record<string, string>;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.handle");
  const id = params.id ?? "";
  if (!isUuid(id)) notFound();
  const values = await readForm(request);
  const intent = intents.find((name) => name === values.intent);
  if (!intent) badRequest();
  let outcome: Outcome;
  switch (intent) {
    case "status":
      outcome = await changeStatus(user, id, values.status);
      break;
    case "assign":
      outcome = await reassign(user, id, { unitId: values.unitId, assigneeId: values.assigneeId });
      break;
    case "action":
      outcome = await recordAction(user, id, values.actionText);
      break;
    case "change":
      outcome = await markChange(user, id, values.changeText);
      break;
    case "reply":
      outcome = await replyToCustomer(user, id, values.replyText);
      break;
    case "churn":
      outcome = await setChurnRisk(user, id, values.churn === "on");
      break;
    case "publish":
      outcome = await publishChange(user, id, { language: values.publishLanguage, said: values.said, did: values.did });
      break;
    case "unpublish":
      outcome = await unpublishChange(user, id, values.understood === "on");
      break;
  }
  if (!outcome) notFound();
  if (!outcome.ok) {
    const { intent: _intent, ...typed } = values;
    return data({ form: intent, errors: outcome.errors, values: typed } satisfies Failure, { status: intent === "status" ? 409 : 400 });
  }
  return redirect(`/staff/feedback/${id}?done=${intent}#${anchors[intent]}`);
}

type Failed = ReturnType<typeof useActionData<typeof action>>;

export default function FeedbackItemPage() {
  const t = useT();
  const language = useLanguage();
  const { item, now } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const failedFor = (form: Intent) => (failed?.form === form ? failed : undefined);
  const waited = waitingMs(item, new Date(now));
  return (
    <>
      <p>
        <Link to="/staff/feedback">{t("feedbackHandling.item.back")}</Link>
      </p>
      <h1>{t("feedbackHandling.item.title", { reference: item.reference })}</h1>
      <Notice />
      <p>
        {t(`feedback.category.${item.category}`)} · {t(`feedback.status.${item.status}`)}
        {item.urgent ? (
          <>
            {" "}
            <span className="marker marker-warning">
              {`${t("feedback.urgent")}${waited !== null ? `, ${t("feedbackHandling.waitingFor", { time: formatWaiting(waited, t) })}` : ""}`}
            </span>
          </>
        ) : null}
        {item.churnRisk ? (
          <>
            {" "}
            <span className="marker marker-warning">{t("feedbackHandling.churnMarker")}</span>
          </>
        ) : null}
        {item.ledToChange ? (
          <>
            {" "}
            <span className="marker marker-ok">{t("feedbackHandling.changeMarker")}</span>
          </>
        ) : null}
      </p>

      <section aria-labelledby="text-title">
        <h2 id="text-title">{t("feedbackHandling.item.text")}</h2>
        <p className="feedback-text" lang={item.language}>
          {item.text}
        </p>
        <p>
          {item.groupId && item.groupSize > 1 ? (
            <Link to={`/staff/feedback/groups/${item.groupId}`}>{t("feedbackHandling.group.link", { count: item.groupSize - 1 })}</Link>
          ) : item.groupId ? (
            <Link to={`/staff/feedback/groups/${item.groupId}`}>{t("feedbackHandling.group.single")}</Link>
          ) : null}
        </p>
      </section>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("feedbackHandling.item.details")}</h2>
        <dl className="facts">
          <Fact label={t("feedbackHandling.field.received")}>{formatDateTime(item.receivedAt, language)}</Fact>
          <Fact label={t("feedbackHandling.field.channel")}>{t(`feedback.channel.${item.channel}`)}</Fact>
          <Fact label={t("feedbackHandling.field.category")}>{t(`feedback.category.${item.category}`)}</Fact>
          <Fact label={t("feedbackHandling.field.service")}>{item.service ?? t("feedback.noService")}</Fact>
          <Fact label={t("feedbackHandling.field.customerType")}>{t(`feedback.customerType.${item.customerType}`)}</Fact>
          {item.employerName || item.employerId ? (
            <Fact label={t("feedbackHandling.field.employer")}>{[item.employerName, item.employerId].filter(Boolean).join(", ")}</Fact>
          ) : null}
          <Fact label={t("feedbackHandling.field.language")}>{t(`lang.${item.language}`)}</Fact>
          <Fact label={t("feedbackHandling.field.status")}>{t(`feedback.status.${item.status}`)}</Fact>
          <Fact label={t("feedbackHandling.field.unit")}>{item.unit ?? t("feedback.noUnit")}</Fact>
          <Fact label={t("feedbackHandling.field.assignee")}>{item.assignee ?? t("feedbackHandling.unassigned")}</Fact>
          <Fact label={t("feedbackHandling.field.urgent")}>{item.urgent ? t("feedback.urgent") : t("feedbackHandling.field.notUrgent")}</Fact>
          <Fact label={t("feedbackHandling.field.loggedBy")}>{item.loggedBy ?? t("feedbackHandling.field.publicForm")}</Fact>
          {item.resolvedAt ? <Fact label={t("feedbackHandling.field.resolvedAt")}>{formatDateTime(item.resolvedAt, language)}</Fact> : null}
          {item.closedAt ? <Fact label={t("feedbackHandling.field.closedAt")}>{formatDateTime(item.closedAt, language)}</Fact> : null}
        </dl>
      </section>

      <section aria-labelledby="contact-title" className="feedback-section">
        <h2 id="contact-title">{t("feedbackHandling.contact.title")}</h2>
        <p className="hint">{t("feedbackHandling.contact.hint")}</p>
        <p>{item.wantsContact ? t("feedbackHandling.contact.wanted") : t("feedbackHandling.contact.notWanted")}</p>
        {item.contactName || item.contactEmail || item.contactPhone ? (
          <dl className="facts">
            {item.contactName ? <Fact label={t("feedbackHandling.contact.name")}>{item.contactName}</Fact> : null}
            {item.contactEmail ? <Fact label={t("feedbackHandling.contact.email")}>{item.contactEmail}</Fact> : null}
            {item.contactPhone ? <Fact label={t("feedbackHandling.contact.phone")}>{item.contactPhone}</Fact> : null}
          </dl>
        ) : null}
      </section>

      <StatusSection item={item} failed={failedFor("status")} />
      <AssignSection item={item} failed={failedFor("assign")} />
      <ReplySection item={item} failed={failedFor("reply")} />
      <ChangeSection item={item} failed={failedFor("change")} />
      <ChurnSection item={item} failed={failedFor("churn")} />
      <PublishSection item={item} failed={failedFor("publish")} unpublishFailed={failedFor("unpublish")} />
      <LogSection item={item} failed={failedFor("action")} />
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Notice() {
  const t = useT();
  const [params] = useSearchParams();
  const done = intents.find((name) => name === params.get("done"));
  if (!done) return null;
  const key: MessageKey = done === "unpublish" ? "feedbackHandling.notice.unpublished" : done === "publish" ? "feedbackHandling.notice.published" : done === "assign" ? "feedbackHandling.notice.assigned" : `feedbackHandling.notice.${done}`;
  return (
    <div className="success" role="status">
      <p>{t(key)}</p>
    </div>
  );
}

function FormError({ failed, field }: { failed?: Failed; field: string }) {
  const t = useT();
  const error = failed?.errors[field];
  if (!error) return null;
  return (
    <p className="field-error" id={`${field}-error`} role="alert">
      {t(error)}
    </p>
  );
}

function StatusSection({ item, failed }: { item: FeedbackItem; failed?: Failed }) {
  const t = useT();
  return (
    <section aria-labelledby="status-title" id="status" className="feedback-section">
      <h2 id="status-title">{t("feedbackHandling.status.title")}</h2>
      <p>{t("feedbackHandling.status.current", { status: t(`feedback.status.${item.status}`) })}</p>
      <FormError failed={failed} field="status" />
      <div className="status-buttons">
        {nextStatuses[item.status].map((status) => {
          const reopen = status === "IN_PROGRESS" && (item.status === "RESOLVED" || item.status === "CLOSED");
          return (
            <Form method="post" action={`/staff/feedback/${item.id}#status`} key={status}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={status} />
              <button type="submit" className={status === nextStatuses[item.status][0] ? "primary" : undefined}>
                {reopen ? t("feedbackHandling.status.reopen") : t(`feedbackHandling.status.to.${status}` as MessageKey)}
              </button>
            </Form>
          );
        })}
      </div>
    </section>
  );
}

function AssignSection({ item, failed }: { item: FeedbackItem; failed?: Failed }) {
  const t = useT();
  const location = useLocation();
  const errors = failed?.errors ?? {};
  const unitValue = failed?.values.unitId ?? item.unitId ?? "";
  const assigneeValue = failed?.values.assigneeId ?? item.assigneeId ?? "";
  const labels = { unitId: t("feedbackHandling.assign.unit"), assigneeId: t("feedbackHandling.assign.assignee") };
  return (
    <section aria-labelledby="assign-title" id="assign" className="feedback-section narrow">
      <h2 id="assign-title">{t("feedbackHandling.assign.title")}</h2>
      {item.units.length === 0 ? (
        <p className="empty-state">{t("feedbackHandling.assign.noUnits")}</p>
      ) : (
        <Form method="post" action={`/staff/feedback/${item.id}#assign`} noValidate key={location.key}>
          <ErrorSummary state={{ errors }} labels={labels} />
          <input type="hidden" name="intent" value="assign" />
          <div className={errors.unitId ? "field field-invalid" : "field"}>
            <label htmlFor="unitId">{labels.unitId}</label>
            <FormError failed={failed} field="unitId" />
            <select id="unitId" name="unitId" defaultValue={unitValue} aria-invalid={errors.unitId ? true : undefined} aria-describedby={errors.unitId ? "unitId-error" : undefined}>
              <option value="">—</option>
              {item.units.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.name}
                </option>
              ))}
            </select>
          </div>
          <div className={errors.assigneeId ? "field field-invalid" : "field"}>
            <label htmlFor="assigneeId">{labels.assigneeId}</label>
            <p className="hint" id="assigneeId-hint">
              {t("feedbackHandling.assign.assigneeHint")}
            </p>
            <FormError failed={failed} field="assigneeId" />
            <select
              id="assigneeId"
              name="assigneeId"
              defaultValue={assigneeValue}
              aria-invalid={errors.assigneeId ? true : undefined}
              aria-describedby={errors.assigneeId ? "assigneeId-hint assigneeId-error" : "assigneeId-hint"}
            >
              <option value="">{t("feedbackHandling.assign.nobody")}</option>
              {item.units
                .filter((unit) => unit.handlers.length > 0)
                .map((unit) => (
                  <optgroup key={unit.id} label={unit.name}>
                    {unit.handlers.map((handler) => (
                      <option key={`${unit.id}-${handler.id}`} value={handler.id}>
                        {handler.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
            </select>
          </div>
          <button type="submit">{t("feedbackHandling.assign.save")}</button>
        </Form>
      )}
    </section>
  );
}

function ReplySection({ item, failed }: { item: FeedbackItem; failed?: Failed }) {
  const t = useT();
  const location = useLocation();
  const errors = failed?.errors ?? {};
  return (
    <section aria-labelledby="reply-title" id="reply" className="feedback-section narrow">
      <h2 id="reply-title">{t("feedbackHandling.reply.title")}</h2>
      {item.canReply ? (
        <Form method="post" action={`/staff/feedback/${item.id}#reply`} noValidate key={location.key}>
          <ErrorSummary state={{ errors }} labels={{ replyText: t("feedbackHandling.reply.text") }} />
          <input type="hidden" name="intent" value="reply" />
          <TextArea
            name="replyText"
            label={t("feedbackHandling.reply.text")}
            hint={t("feedbackHandling.reply.hint", { email: item.contactEmail ?? "", language: t(`lang.${item.language}`) })}
            rows={6}
            state={failed ? { errors, values: failed.values } : undefined}
            lang={item.language}
          />
          <button type="submit" className="primary">
            {t("feedbackHandling.reply.send")}
          </button>
        </Form>
      ) : (
        <>
          <FormError failed={failed} field="replyText" />
          <p>{t("feedbackHandling.reply.notWanted")}</p>
        </>
      )}
    </section>
  );
}

function ChangeSection({ item, failed }: { item: FeedbackItem; failed?: Failed }) {
  const t = useT();
  const location = useLocation();
  const errors = failed?.errors ?? {};
  return (
    <section aria-labelledby="change-title" id="change" className="feedback-section narrow">
      <h2 id="change-title">{t("feedbackHandling.change.title")}</h2>
      {item.ledToChange && item.changeText ? <p className="multiline">{t("feedbackHandling.change.current", { text: item.changeText })}</p> : null}
      <Form method="post" action={`/staff/feedback/${item.id}#change`} noValidate key={location.key}>
        <ErrorSummary state={{ errors }} labels={{ changeText: t("feedbackHandling.change.text") }} />
        <input type="hidden" name="intent" value="change" />
        <TextArea name="changeText" label={t("feedbackHandling.change.text")} rows={3} value={failed?.values.changeText ?? item.changeText ?? ""} error={errors.changeText} />
        <button type="submit">{t("feedbackHandling.change.save")}</button>
      </Form>
    </section>
  );
}

function ChurnSection({ item, failed }: { item: FeedbackItem; failed?: Failed }) {
  const t = useT();
  if (!item.churnRiskAllowed && !item.churnRisk) {
    return (
      <section aria-labelledby="churn-title" id="churn" className="feedback-section">
        <h2 id="churn-title">{t("feedbackHandling.churn.title")}</h2>
        <FormError failed={failed} field="churn" />
        <p className="hint">{t("feedbackHandling.churn.onlyEmployer")}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="churn-title" id="churn" className="feedback-section">
      <h2 id="churn-title">{t("feedbackHandling.churn.title")}</h2>
      <FormError failed={failed} field="churn" />
      <p>{item.churnRisk ? t("feedbackHandling.churn.on") : t("feedbackHandling.churn.off")}</p>
      <Form method="post" action={`/staff/feedback/${item.id}#churn`}>
        <input type="hidden" name="intent" value="churn" />
        <input type="hidden" name="churn" value={item.churnRisk ? "off" : "on"} />
        <button type="submit">{item.churnRisk ? t("feedbackHandling.churn.unflag") : t("feedbackHandling.churn.flag")}</button>
      </Form>
    </section>
  );
}

function PublishSection({ item, failed, unpublishFailed }: { item: FeedbackItem; failed?: Failed; unpublishFailed?: Failed }) {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const errors = failed?.errors ?? {};
  const labels = { publishLanguage: t("feedbackHandling.publish.language"), said: t("feedbackHandling.publish.said"), did: t("feedbackHandling.publish.did") };
  const chosenLanguage = failed?.values.publishLanguage ?? item.change?.language ?? item.language;
  return (
    <section aria-labelledby="publish-title" id="publish" className="feedback-section narrow">
      <h2 id="publish-title">{t("feedbackHandling.publish.title")}</h2>
      {item.change ? (
        <p>
          {t("feedbackHandling.publish.current", { date: formatDate(item.change.publishedOn, language), language: t(`lang.${item.change.language}`) })}
        </p>
      ) : null}
      {!item.ledToChange ? (
        <>
          <FormError failed={failed} field="said" />
          <p className="hint">{t("feedbackHandling.publish.needsChange")}</p>
        </>
      ) : (
        <Form method="post" action={`/staff/feedback/${item.id}#publish`} noValidate key={location.key}>
          <p className="hint">{t("feedbackHandling.publish.intro")}</p>
          <ErrorSummary state={{ errors }} labels={labels} />
          <input type="hidden" name="intent" value="publish" />
          <div className={errors.publishLanguage ? "field field-invalid" : "field"}>
            <label htmlFor="publishLanguage">{labels.publishLanguage}</label>
            <FormError failed={failed} field="publishLanguage" />
            <select id="publishLanguage" name="publishLanguage" defaultValue={chosenLanguage}>
              {languages.map((code) => (
                <option key={code} value={code}>
                  {t(`lang.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <TextArea name="said" label={labels.said} rows={3} value={failed?.values.said ?? item.change?.said ?? ""} error={errors.said} />
          <TextArea name="did" label={labels.did} rows={3} value={failed?.values.did ?? item.change?.did ?? item.changeText ?? ""} error={errors.did} />
          <button type="submit" className="primary">
            {item.change ? t("feedbackHandling.publish.update") : t("feedbackHandling.publish.save")}
          </button>
        </Form>
      )}
      {item.change ? (
        <Form method="post" action={`/staff/feedback/${item.id}#publish`} className="confirm">
          <h3>{t("feedbackHandling.unpublish.title")}</h3>
          <input type="hidden" name="intent" value="unpublish" />
          <ConfirmBox
            id="unpublish-understood"
            label={t("feedbackHandling.unpublish.confirm")}
            error={unpublishFailed?.errors["unpublish-understood"] ? t(unpublishFailed.errors["unpublish-understood"]) : undefined}
          />
          <button type="submit">{t("feedbackHandling.unpublish.button")}</button>
        </Form>
      ) : null}
    </section>
  );
}

function LogSection({ item, failed }: { item: FeedbackItem; failed?: Failed }) {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const errors = failed?.errors ?? {};
  const what = (action: FeedbackItem["actions"][number]) => {
    if (action.kind === "STATUS" && (action.text === "NEW" || action.text === "IN_PROGRESS" || action.text === "RESOLVED" || action.text === "CLOSED")) {
      return t(`feedback.status.${action.text}`);
    }
    if (action.kind === "CHURN_RISK") return action.text === "on" ? t("feedbackHandling.log.churn.on") : t("feedbackHandling.log.churn.off");
    return action.text ?? "";
  };
  return (
    <section aria-labelledby="log-title" id="log" className="feedback-section">
      <h2 id="log-title">{t("feedbackHandling.log.title")}</h2>
      <div className="table-wrap">
        <table className="action-log">
          <caption className="visually-hidden">{t("feedbackHandling.log.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("feedbackHandling.log.when")}</th>
              <th scope="col">{t("feedbackHandling.log.who")}</th>
              <th scope="col">{t("feedbackHandling.log.what")}</th>
            </tr>
          </thead>
          <tbody>
            {item.actions.map((action) => (
              <tr key={action.id}>
                <td>{formatDateTime(action.at, language)}</td>
                <td>{action.by ?? t("feedbackHandling.log.system")}</td>
                <td>
                  <strong>{t(`feedbackHandling.log.kind.${action.kind}`)}</strong>
                  {what(action) ? <span className="multiline">{`: ${what(action)}`}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post" action={`/staff/feedback/${item.id}#log`} noValidate key={location.key} className="narrow">
        <h3>{t("feedbackHandling.action.title")}</h3>
        <ErrorSummary state={{ errors }} labels={{ actionText: t("feedbackHandling.action.text") }} />
        <input type="hidden" name="intent" value="action" />
        <TextArea name="actionText" label={t("feedbackHandling.action.text")} rows={3} value={failed?.values.actionText ?? ""} error={errors.actionText} />
        <button type="submit" className="primary">
          {t("feedbackHandling.action.save")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
