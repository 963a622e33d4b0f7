// A study's rewards, for its researchers: the reward rule for each condition
// (completing the survey, attending a session), each rule's budget, the
// rewards members earned with approval one by one or in bulk (a rejection
// needs a reason, a bulk decision is confirmed on the page first), and the
// prize draws. Plain forms and links: it all works without JavaScript.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmBox, ErrorSummary, Field, TextArea } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDate, formatDateTime, isMessageKey, type Language, type MessageKey } from "~/infra/i18n/i18n";
import type { RewardCondition, RewardKind, RewardStatus, RuleError, RuleField } from "~/modules/incentives/incentives.server";
import { decideRewards, runPrizeDraw, saveRewardRule, studyRewards } from "~/modules/incentives/incentives.server";
import { formatEuros } from "~/modules/incentives/money";
import { localized } from "~/modules/studies/texts";
import styles from "./incentives.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

type FieldErrors = Record<string, MessageKey>;

const kinds = ["GIFT_CARD", "BANK_TRANSFER", "PRIZE_DRAW", "CHARITY", "NONE"] as const satisfies readonly RewardKind[];
const statuses = ["PENDING", "APPROVED", "REJECTED", "PAID", "OVER_CAP", "NOT_DRAWN"] as const satisfies readonly RewardStatus[];
const ruleFields = ["kind", "amount", "budget", "prizes", "charity"] as const;
const REASON_MAX = 500;
/** A member whose income from rewards this year is at least this share of the cap is flagged as near it. */
const NEAR_CAP = 0.8;

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
const querySchema = z.object({
  status: z.enum(statuses).optional().catch(undefined),
  q: z
    .string()
    // PostgreSQL refuses a NUL in a text, and control characters never name anyone.
    .transform((value) => value.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200))
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  confirm: z.enum(["approve", "reject"]).optional().catch(undefined),
});

/** The field names of a rule form: one form per condition on the page, so each has its own ids. */
const prefixOf = (condition: RewardCondition) => `${condition.toLowerCase()}-`;

/** The search part of the list's address: its filter and page. */
function listSearch(filter: { status?: string; q?: string; page?: number }) {
  const params = new URLSearchParams();
  if (filter.status) params.set("status", filter.status);
  if (filter.q) params.set("q", filter.q);
  if (filter.page && filter.page > 1) params.set("page", String(filter.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "incentives.manage");
  const url = new URL(request.url);
  const query = querySchema.parse(Object.fromEntries(url.searchParams));
  const view = await studyRewards(user, params.id ?? "", { status: query.status, q: query.q, page: query.page });
  if (!view) notFound();
  const asked = [...new Set(url.searchParams.getAll("ids").filter(isUuid))];
  return data(
    {
      study: { id: view.study.id, title: view.study.title as unknown, type: view.study.type },
      rules: view.rules,
      rewards: view.rewards,
      total: view.total,
      page: view.page,
      pages: view.pages,
      capCents: view.capCents,
      draws: view.draws,
      filter: { status: query.status ?? "", q: query.q ?? "" },
      // A bulk decision (or a rejection) waits on this page for its confirmation.
      confirm: query.confirm ? { decision: query.confirm, ids: asked.filter((id) => view.rewards.some((r) => r.id === id && r.status === "PENDING")) } : null,
    },
    // Members' names and emails: never kept in a shared cache.
    { headers: { "Cache-Control": "no-store" } },
  );
}

interface Failure {
  form: "rule" | "decide" | "draw";
  condition?: RewardCondition;
  ruleId?: string;
  errors: FieldErrors;
  values: Record<string, string>;
  overBudget?: { ruleId: string; neededCents: number; remainingCents: number };
}

const refuse = (failure: Failure, status = 400) => data(failure, { status });

function ruleErrorKey(field: RuleField, error: RuleError): MessageKey {
  const key = `incentivesStaff.rule.error.${field}.${error}`;
  return isMessageKey(key) ? key : "incentivesStaff.rule.error.invalid";
}

const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "incentives.manage");
  const studyId = params.id ?? "";
  const base = `/staff/studies/${studyId}/rewards`;
  const values = await readForm(request, ["ids"]);
  const back = listSearch({
    status: statuses.find((s) => s === values.status),
    q: typeof values.q === "string" ? values.q.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) : undefined,
  });

  switch (values.intent) {
    case "rule": {
      const condition = (["COMPLETED", "ATTENDED"] as const).find((c) => c === values.condition);
      if (!condition) badRequest();
      const prefix = prefixOf(condition);
      const input: Record<string, string> = { condition };
      for (const field of ruleFields) input[field] = values[`${prefix}${field}`] ?? "";
      const saved = await saveRewardRule(user, studyId, input);
      if (!saved) notFound();
      if (!saved.ok) {
        const errors: FieldErrors = {};
        for (const [field, error] of Object.entries(saved.errors) as [RuleField, RuleError][]) {
          // The condition is not typed by anyone: its error belongs to the form.
          errors[field === "condition" ? `${prefix}form` : `${prefix}${field}`] = ruleErrorKey(field, error);
        }
        const typed = Object.fromEntries(ruleFields.map((field) => [`${prefix}${field}`, saved.values[field]]));
        return refuse({ form: "rule", condition, errors, values: typed });
      }
      return redirect(`${base}?saved=${condition}#rule-${condition}`);
    }
    case "decide": {
      const decision = values.decision === "approve" || values.decision === "reject" ? values.decision : null;
      if (!decision) badRequest();
      const reason = typeof values.reason === "string" ? values.reason : "";
      const decided = await decideRewards(user, studyId, list(values.ids), decision, reason);
      if (!decided) notFound();
      if (!decided.ok) {
        if (decided.reason === "over-budget") {
          const { ruleId, neededCents, remainingCents } = decided;
          return refuse({ form: "decide", errors: {}, values: { reason }, overBudget: { ruleId, neededCents, remainingCents } }, 409);
        }
        const field = decided.reason === "none-selected" ? "ids" : "reason";
        return refuse({ form: "decide", errors: { [field]: `incentivesStaff.decide.error.${decided.reason}` as MessageKey }, values: { reason } });
      }
      const done = new URLSearchParams(back.slice(1));
      if (decision === "approve") {
        done.set("approved", String(decided.approved));
        done.set("delivered", String(decided.delivered));
      } else done.set("rejected", String(decided.rejected));
      return redirect(`${base}?${done}#rewards`);
    }
    case "draw": {
      const ruleId = typeof values.ruleId === "string" ? values.ruleId : "";
      if (values.understood !== "on") {
        if (!(await studyRewards(user, studyId, { page: 1 }))) notFound();
        return refuse({ form: "draw", ruleId, errors: { [`understood-${ruleId}`]: "incentivesStaff.draw.error.understood" }, values: {} });
      }
      const drawn = await runPrizeDraw(user, studyId, ruleId);
      if (!drawn) notFound();
      if (!drawn.ok) return refuse({ form: "draw", ruleId, errors: { [`understood-${ruleId}`]: `incentivesStaff.draw.error.${drawn.reason}` as MessageKey }, values: {} }, 409);
      return redirect(`${base}?drawn=${drawn.winners}&entries=${drawn.entries}#draws`);
    }
  }
  badRequest();
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Rule = Loaded["rules"][number];
type Row = Loaded["rewards"][number];
type Failed = ReturnType<typeof useActionData<typeof action>>;

/** Cents as a person edits them: "12,50" in Finnish and Swedish, "12.50" in English. */
function editable(cents: number, language: Language) {
  const text = (cents / 100).toFixed(2);
  return language === "en" ? text : text.replace(".", ",");
}

export default function StudyRewards() {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { study, rules } = loaded;
  const title = localized(study.title, language) || t("studies.untitled");
  const base = `/staff/studies/${study.id}/rewards`;
  const conditions: RewardCondition[] = study.type === "SURVEY" ? ["COMPLETED"] : ["COMPLETED", "ATTENDED"];

  return (
    <>
      <p>
        <Link to={`/staff/studies/${study.id}`}>{t("incentivesStaff.backToStudy")}</Link>
      </p>
      <h1>{t("incentivesStaff.rewards.title", { title })}</h1>
      <p>{t("incentivesStaff.rewards.intro")}</p>
      <Notices />

      <section aria-labelledby="rules-title" id="rules">
        <h2 id="rules-title">{t("incentivesStaff.rules.title")}</h2>
        <p className="hint">{t("incentivesStaff.rules.intro")}</p>
        {conditions.map((condition) => (
          <RuleForm
            key={condition}
            base={base}
            condition={condition}
            rule={rules.find((rule) => rule.condition === condition)}
            failed={failed?.form === "rule" && failed.condition === condition ? failed : undefined}
          />
        ))}
        {study.type === "SURVEY" ? <p className="hint">{t("incentivesStaff.rules.surveyOnly")}</p> : null}
      </section>

      <Budgets rules={rules} />
      <Rewards view={loaded} base={base} failed={failed?.form === "decide" ? failed : undefined} />
      <Draws view={loaded} base={base} failed={failed?.form === "draw" ? failed : undefined} />
    </>
  );
}

function Notices() {
  const t = useT();
  const [params] = useSearchParams();
  const notices: string[] = [];
  const saved = params.get("saved");
  if (saved === "COMPLETED" || saved === "ATTENDED") notices.push(t("incentivesStaff.notice.saved", { condition: t(`incentivesStaff.condition.${saved}`) }));
  const count = (name: string) => Math.max(0, Math.trunc(Number(params.get(name)) || 0));
  if (params.get("approved") !== null) {
    notices.push(t("incentivesStaff.notice.approved", { count: count("approved") }));
    if (count("delivered") > 0) notices.push(t("incentivesStaff.notice.delivered", { count: count("delivered") }));
  }
  if (params.get("rejected") !== null) notices.push(t("incentivesStaff.notice.rejected", { count: count("rejected") }));
  if (params.get("drawn") !== null) notices.push(t("incentivesStaff.notice.drawn", { winners: count("drawn"), entries: count("entries") }));
  if (notices.length === 0) return null;
  return (
    <div className="success" role="status">
      {notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}

function RuleForm({ base, condition, rule, failed }: { base: string; condition: RewardCondition; rule: Rule | undefined; failed?: Failed }) {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const prefix = prefixOf(condition);
  const errors: FieldErrors = failed?.errors ?? {};
  const initial: Record<string, string> = rule
    ? {
        kind: rule.kind,
        amount: rule.kind === "NONE" ? "" : editable(rule.amountCents, language),
        budget: rule.kind === "NONE" ? "" : editable(rule.budgetCents, language),
        prizes: rule.prizes ? String(rule.prizes) : "",
        charity: rule.charity ?? "",
      }
    : { kind: "", amount: "", budget: "", prizes: "", charity: "" };
  const value = (field: (typeof ruleFields)[number]) => failed?.values[`${prefix}${field}`] ?? initial[field] ?? "";
  const state = (field: string) => (errors[`${prefix}${field}`] ? { errors: { [`${prefix}${field}`]: errors[`${prefix}${field}`]! } } : undefined);
  const labels: Record<string, string> = {
    [`${prefix}form`]: t(`incentivesStaff.rule.title.${condition}`),
    [`${prefix}kind`]: t("incentivesStaff.rule.kind"),
    [`${prefix}amount`]: t("incentivesStaff.rule.amount"),
    [`${prefix}budget`]: t("incentivesStaff.rule.budget"),
    [`${prefix}prizes`]: t("incentivesStaff.rule.prizes"),
    [`${prefix}charity`]: t("incentivesStaff.rule.charity"),
  };
  const kindError = errors[`${prefix}kind`];
  const formError = errors[`${prefix}form`];
  const chosen = value("kind");
  return (
    <section aria-labelledby={`rule-${condition}-title`} id={`rule-${condition}`} className="narrow rule">
      <h3 id={`rule-${condition}-title`}>{t(`incentivesStaff.rule.title.${condition}`)}</h3>
      <p>
        {rule
          ? t("incentivesStaff.rule.current", { kind: t(`incentivesStaff.kind.${rule.kind}`), amount: formatEuros(rule.amountCents, language) })
          : t("incentivesStaff.rule.none")}
      </p>
      <Form method="post" action={`${base}#rule-${condition}`} noValidate key={location.key}>
        <ErrorSummary state={{ errors }} labels={labels} />
        {formError ? (
          <p className="field-error" id={`${prefix}form`}>
            {t(formError)}
          </p>
        ) : null}
        <input type="hidden" name="intent" value="rule" />
        <input type="hidden" name="condition" value={condition} />
        <fieldset className={kindError ? "field field-invalid" : "field"} aria-describedby={kindError ? `${prefix}kind-error` : undefined}>
          <legend>{labels[`${prefix}kind`]}</legend>
          {kindError ? (
            <p className="field-error" id={`${prefix}kind-error`}>
              {t(kindError)}
            </p>
          ) : null}
          {kinds.map((kind, index) => {
            const id = index === 0 ? `${prefix}kind` : `${prefix}kind-${kind}`;
            return (
              <div className="checkbox" key={kind}>
                <input type="radio" id={id} name={`${prefix}kind`} value={kind} defaultChecked={chosen === kind} />
                <label htmlFor={id}>
                  {t(`incentivesStaff.kind.${kind}`)} <span className="hint">– {t(`incentivesStaff.kind.${kind}.explain`)}</span>
                </label>
              </div>
            );
          })}
        </fieldset>
        <Field
          name={`${prefix}amount`}
          label={labels[`${prefix}amount`]!}
          hint={t("incentivesStaff.rule.amountHint")}
          inputMode="decimal"
          autoComplete="off"
          size={10}
          defaultValue={value("amount")}
          state={state("amount")}
        />
        <Field
          name={`${prefix}budget`}
          label={labels[`${prefix}budget`]!}
          hint={
            rule && rule.committedCents > 0
              ? `${t("incentivesStaff.rule.budgetHint")} ${t("incentivesStaff.rule.budgetCommitted", { committed: formatEuros(rule.committedCents, language) })}`
              : t("incentivesStaff.rule.budgetHint")
          }
          inputMode="decimal"
          autoComplete="off"
          size={12}
          defaultValue={value("budget")}
          state={state("budget")}
        />
        <Field
          name={`${prefix}prizes`}
          label={labels[`${prefix}prizes`]!}
          hint={t("incentivesStaff.rule.prizesHint")}
          inputMode="numeric"
          autoComplete="off"
          size={6}
          defaultValue={value("prizes")}
          state={state("prizes")}
        />
        <Field
          name={`${prefix}charity`}
          label={labels[`${prefix}charity`]!}
          hint={t("incentivesStaff.rule.charityHint")}
          autoComplete="off"
          maxLength={200}
          defaultValue={value("charity")}
          state={state("charity")}
        />
        <button type="submit" className="primary">
          {rule ? t("incentivesStaff.rule.save") : t("incentivesStaff.rule.create")}
        </button>
      </Form>
    </section>
  );
}

/** "Completing the survey: gift card, 10,00 €": a rule in a line. */
function useRuleName() {
  const t = useT();
  const language = useLanguage();
  return (rule: Rule | undefined) =>
    rule
      ? t("incentivesStaff.rule.name", {
          condition: t(`incentivesStaff.condition.${rule.condition}`),
          kind: t(`incentivesStaff.kind.${rule.kind}`),
          amount: formatEuros(rule.amountCents, language),
        })
      : t("incentivesStaff.rule.unknown");
}

function Budgets({ rules }: { rules: Rule[] }) {
  const t = useT();
  const language = useLanguage();
  const ruleName = useRuleName();
  const euros = (cents: number) => formatEuros(cents, language);
  const paying = rules.filter((rule) => rule.kind !== "NONE");
  return (
    <section aria-labelledby="budget-title" id="budget">
      <h2 id="budget-title">{t("incentivesStaff.budget.title")}</h2>
      <p className="hint">{t("incentivesStaff.budget.intro")}</p>
      {paying.length === 0 ? (
        <p className="empty-state">{t("incentivesStaff.budget.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("incentivesStaff.budget.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("incentivesStaff.budget.rule")}</th>
                <th scope="col" className="number">
                  {t("incentivesStaff.budget.budget")}
                </th>
                <th scope="col" className="number">
                  {t("incentivesStaff.budget.committed")}
                </th>
                <th scope="col" className="number">
                  {t("incentivesStaff.budget.paid")}
                </th>
                <th scope="col" className="number">
                  {t("incentivesStaff.budget.pending")}
                </th>
                <th scope="col" className="number">
                  {t("incentivesStaff.budget.remaining")}
                </th>
                <th scope="col">{t("incentivesStaff.budget.used")}</th>
              </tr>
            </thead>
            <tbody>
              {paying.map((rule) => {
                const share = rule.budgetCents > 0 ? Math.min(1, rule.committedCents / rule.budgetCents) : 1;
                const pendingExceeds = rule.cents.PENDING > rule.remainingCents;
                return (
                  <tr key={rule.id}>
                    <th scope="row">{ruleName(rule)}</th>
                    <td className="number">{euros(rule.budgetCents)}</td>
                    <td className="number">{euros(rule.committedCents)}</td>
                    <td className="number">{euros(rule.cents.PAID)}</td>
                    <td className="number">
                      {euros(rule.cents.PENDING)}
                      <br />
                      <span className="hint">{t("incentivesStaff.budget.pendingCount", { count: rule.counts.PENDING })}</span>
                    </td>
                    <td className="number">
                      {euros(rule.remainingCents)}
                      {pendingExceeds ? (
                        <>
                          <br />
                          <strong className="marker marker-warning">{t("incentivesStaff.budget.short")}</strong>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <meter min={0} max={1} low={0.75} high={0.9} optimum={0} value={share} aria-describedby={`used-${rule.id}`} />{" "}
                      <span id={`used-${rule.id}`}>{t("incentivesStaff.budget.usedValue", { percent: Math.round(share * 100) })}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Rewards({ view, base, failed }: { view: Loaded; base: string; failed?: Failed }) {
  const t = useT();
  const language = useLanguage();
  const ruleName = useRuleName();
  const { rewards, filter, confirm, rules } = view;
  const here = listSearch({ status: filter.status, q: filter.q, page: view.page });
  const filtered = Boolean(filter.status || filter.q);
  const pending = rewards.filter((r) => r.status === "PENDING");
  const overBudget = failed?.overBudget;
  const problem = overBudget ? (
    <div className="error-summary" role="alert" id="decide-problem">
      <p>
        {t("incentivesStaff.decide.error.over-budget", {
          rule: ruleName(rules.find((rule) => rule.id === overBudget.ruleId)),
          needed: formatEuros(overBudget.neededCents, language),
          remaining: formatEuros(Math.max(0, overBudget.remainingCents), language),
        })}
      </p>
    </div>
  ) : failed?.errors.ids || (failed?.errors.reason && !confirm) ? (
    <p className="field-error" role="alert" id="decide-problem">
      {t((failed.errors.ids ?? failed.errors.reason)!)}
    </p>
  ) : null;

  return (
    <section aria-labelledby="rewards-title" id="rewards">
      <h2 id="rewards-title">{t("incentivesStaff.list.title")}</h2>
      <Form method="get" action={`${base}#rewards`} className="filters" role="search" aria-label={t("incentivesStaff.list.filters")}>
        <div className="field">
          <label htmlFor="status">{t("incentivesStaff.list.status")}</label>
          <select id="status" name="status" defaultValue={filter.status}>
            <option value="">{t("incentivesStaff.list.allStatuses")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`incentivesStaff.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q">{t("incentivesStaff.list.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} autoComplete="off" maxLength={200} />
        </div>
        <button type="submit" className="secondary">
          {t("incentivesStaff.list.apply")}
        </button>
        {filtered ? <Link to={`${base}#rewards`}>{t("incentivesStaff.list.clear")}</Link> : null}
      </Form>

      {confirm ? <Confirm view={view} base={base} here={here} failed={failed} problem={problem} /> : problem}

      {rewards.length === 0 ? (
        <div className="empty-state">
          {filtered ? (
            <p>{t("incentivesStaff.list.emptyFiltered")}</p>
          ) : (
            <>
              <p>{t(view.study.type === "SURVEY" ? "incentivesStaff.list.emptySurvey" : "incentivesStaff.list.empty")}</p>
              {rules.length === 0 ? (
                <p>
                  <a href="#rules-title">{t("incentivesStaff.list.emptyCta")}</a>
                </p>
              ) : null}
            </>
          )}
        </div>
      ) : (
        <>
          <div className="table-wrap">
            <table className="rewards">
              <caption>{t("incentivesStaff.list.caption", { count: view.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t("incentivesStaff.list.select")}</span>
                  </th>
                  <th scope="col">{t("incentivesStaff.list.member")}</th>
                  <th scope="col" className="number">
                    {t("incentivesStaff.list.amount")}
                  </th>
                  <th scope="col">{t("incentivesStaff.list.status")}</th>
                  <th scope="col">{t("incentivesStaff.list.earned")}</th>
                  <th scope="col">{t("incentivesStaff.list.decided")}</th>
                  <th scope="col">{t("incentivesStaff.list.yearTotal", { cap: formatEuros(view.capCents, language) })}</th>
                  <th scope="col">{t("incentivesStaff.list.account")}</th>
                  <th scope="col">{t("incentivesStaff.list.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rewards.map((row) => (
                  <RewardLine key={row.id} row={row} view={view} base={base} here={here} />
                ))}
              </tbody>
            </table>
          </div>
          {pending.length > 0 ? (
            <Form method="get" action={`${base}#confirm`} id="bulk" className="form-buttons">
              {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
              {filter.q ? <input type="hidden" name="q" value={filter.q} /> : null}
              {view.page > 1 ? <input type="hidden" name="page" value={view.page} /> : null}
              <p className="hint" id="bulk-hint">
                {t("incentivesStaff.bulk.hint")}
              </p>
              <button type="submit" name="confirm" value="approve" className="secondary" aria-describedby="bulk-hint">
                {t("incentivesStaff.bulk.approve")}
              </button>
              <button type="submit" name="confirm" value="reject" className="secondary" aria-describedby="bulk-hint">
                {t("incentivesStaff.bulk.reject")}
              </button>
            </Form>
          ) : null}
          <Pagination page={view.page} pages={view.pages} />
        </>
      )}
    </section>
  );
}

function RewardLine({ row, view, base, here }: { row: Row; view: Loaded; base: string; here: string }) {
  const t = useT();
  const language = useLanguage();
  const who = row.member ? row.member.name || row.member.email : t("incentivesStaff.list.formerMember");
  const amount = formatEuros(row.amountCents, language);
  const atCap = row.member !== null && row.yearTotalCents >= view.capCents;
  const nearCap = !atCap && row.member !== null && row.yearTotalCents >= view.capCents * NEAR_CAP;
  const rejectLink = `${base}${here ? `${here}&` : "?"}confirm=reject&ids=${row.id}#confirm`;
  return (
    <tr>
      <td>
        {row.status === "PENDING" ? (
          <div className="checkbox">
            <input type="checkbox" id={`select-${row.id}`} name="ids" value={row.id} form="bulk" />
            <label htmlFor={`select-${row.id}`}>
              <span className="visually-hidden">{t("incentivesStaff.list.selectOne", { who, amount })}</span>
            </label>
          </div>
        ) : null}
      </td>
      <th scope="row">
        {row.member ? (
          <>
            {row.member.name ? (
              <>
                {row.member.name}
                <br />
              </>
            ) : null}
            <span className="break">{row.member.email}</span>
          </>
        ) : (
          <span className="hint">{t("incentivesStaff.list.formerMember")}</span>
        )}
      </th>
      <td className="number">
        {row.kind === "PRIZE_DRAW" && row.amountCents === 0 ? t("incentivesStaff.list.entry") : amount}
        <br />
        <span className="hint">{t(`incentivesStaff.kind.${row.kind}`)}</span>
      </td>
      <td>
        <span className={`marker marker-${row.status.toLowerCase()}`}>{t(`incentivesStaff.status.${row.status}`)}</span>
        <StatusNote row={row} />
      </td>
      <td>{formatDate(row.accruedOn, language)}</td>
      <td>
        {row.decidedAt ? formatDate(row.decidedAt, language) : "–"}
        {row.rejectReason ? <p className="hint multiline">{t("incentivesStaff.list.reason", { reason: row.rejectReason })}</p> : null}
        {row.paidOn ? <p className="hint">{t("incentivesStaff.list.paidOn", { date: formatDate(row.paidOn, language) })}</p> : null}
      </td>
      <td>
        {row.member ? (
          <>
            {formatEuros(row.yearTotalCents, language)}
            {atCap ? (
              <>
                <br />
                <strong className="marker marker-warning">{t("incentivesStaff.list.atCap")}</strong>
              </>
            ) : nearCap ? (
              <>
                <br />
                <span className="marker marker-soon">{t("incentivesStaff.list.nearCap")}</span>
              </>
            ) : null}
          </>
        ) : (
          "–"
        )}
      </td>
      <td>
        {row.kind === "BANK_TRANSFER" && (row.status === "PENDING" || row.status === "APPROVED")
          ? t(row.hasAccount ? "incentivesStaff.list.accountYes" : "incentivesStaff.list.accountNo")
          : "–"}
      </td>
      <td>
        {row.status === "PENDING" ? (
          <div className="row-actions">
            <Form method="post" action={`${base}${here}#rewards`}>
              <input type="hidden" name="intent" value="decide" />
              <input type="hidden" name="decision" value="approve" />
              <input type="hidden" name="ids" value={row.id} />
              {view.filter.status ? <input type="hidden" name="status" value={view.filter.status} /> : null}
              {view.filter.q ? <input type="hidden" name="q" value={view.filter.q} /> : null}
              <button type="submit" className="secondary">
                {t("incentivesStaff.list.approve")}
                <span className="visually-hidden">: {who}, {amount}</span>
              </button>
            </Form>
            <Link to={rejectLink} className="button-link">
              {t("incentivesStaff.list.reject")}
              <span className="visually-hidden">: {who}, {amount}</span>
            </Link>
          </div>
        ) : (
          "–"
        )}
      </td>
    </tr>
  );
}

/** What an approved reward still waits for, in a line under its status. */
function StatusNote({ row }: { row: Row }) {
  const t = useT();
  let key: MessageKey | null = null;
  if (row.status === "APPROVED") {
    if (row.kind === "GIFT_CARD" || (row.kind === "PRIZE_DRAW" && row.amountCents > 0)) key = "incentivesStaff.note.waitingCode";
    else if (row.kind === "BANK_TRANSFER") key = row.hasAccount ? "incentivesStaff.note.nextBatch" : "incentivesStaff.note.waitingAccount";
    else if (row.kind === "CHARITY") key = "incentivesStaff.note.nextBatch";
    else if (row.kind === "PRIZE_DRAW") key = "incentivesStaff.note.inDraw";
  } else if (row.status === "OVER_CAP") key = "incentivesStaff.note.overCap";
  else if (row.status === "PAID" && row.giftCardDelivered) key = "incentivesStaff.note.delivered";
  return key ? <p className="hint">{t(key)}</p> : null;
}

/** The confirmation of a bulk decision or a rejection: what is chosen, its total, and (to reject) the reason. */
function Confirm({ view, base, here, failed, problem }: { view: Loaded; base: string; here: string; failed?: Failed; problem: ReactNode }) {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const confirm = view.confirm!;
  const chosen = view.rewards.filter((r) => confirm.ids.includes(r.id));
  const total = chosen.reduce((sum, r) => sum + r.amountCents, 0);
  const reject = confirm.decision === "reject";
  const reasonError = failed?.errors.reason;
  return (
    <div className="notice confirm" id="confirm" role="region" aria-labelledby="confirm-title">
      {chosen.length === 0 ? (
        <>
          <h3 id="confirm-title">{t("incentivesStaff.confirm.noneTitle")}</h3>
          <p>{t("incentivesStaff.confirm.none")}</p>
          <p>
            <Link to={`${base}${here}#rewards`}>{t("incentivesStaff.confirm.back")}</Link>
          </p>
        </>
      ) : (
        <>
          <h3 id="confirm-title">
            {t(reject ? "incentivesStaff.confirm.rejectTitle" : "incentivesStaff.confirm.approveTitle", { count: chosen.length })}
          </h3>
          {problem}
          <p>
            {t(reject ? "incentivesStaff.confirm.rejectBody" : "incentivesStaff.confirm.approveBody", {
              count: chosen.length,
              total: formatEuros(total, language),
            })}
          </p>
          <ul>
            {chosen.map((r) => (
              <li key={r.id}>
                {r.member ? r.member.name || r.member.email : t("incentivesStaff.list.formerMember")} – {formatEuros(r.amountCents, language)} (
                {t(`incentivesStaff.kind.${r.kind}`)})
              </li>
            ))}
          </ul>
          <Form method="post" action={`${location.pathname}${location.search}#confirm`} noValidate key={location.key}>
            <ErrorSummary state={{ errors: reasonError ? { reason: reasonError } : {} }} labels={{ reason: t("incentivesStaff.confirm.reason") }} />
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="decision" value={confirm.decision} />
            {chosen.map((r) => (
              <input type="hidden" name="ids" value={r.id} key={r.id} />
            ))}
            {view.filter.status ? <input type="hidden" name="status" value={view.filter.status} /> : null}
            {view.filter.q ? <input type="hidden" name="q" value={view.filter.q} /> : null}
            {reject ? (
              <TextArea
                name="reason"
                label={t("incentivesStaff.confirm.reason")}
                hint={t("incentivesStaff.confirm.reasonHint")}
                value={failed?.values.reason ?? ""}
                error={reasonError}
                rows={3}
                maxLength={REASON_MAX}
                required
              />
            ) : null}
            <div className="form-buttons">
              <button type="submit" className={reject ? "primary danger" : "primary"}>
                {t(reject ? "incentivesStaff.confirm.reject" : "incentivesStaff.confirm.approve", { count: chosen.length })}
              </button>
              <Link to={`${base}${here}#rewards`}>{t("incentivesStaff.confirm.cancel")}</Link>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}

function Draws({ view, base, failed }: { view: Loaded; base: string; failed?: Failed }) {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const drawRules = view.rules.filter((rule) => rule.kind === "PRIZE_DRAW");
  if (drawRules.length === 0 && view.draws.length === 0) return null;
  return (
    <section aria-labelledby="draws-title" id="draws">
      <h2 id="draws-title">{t("incentivesStaff.draw.title")}</h2>
      <p className="hint">{t("incentivesStaff.draw.intro")}</p>
      {drawRules.map((rule) => {
        const name = `understood-${rule.id}`;
        const error = failed?.ruleId === rule.id ? failed.errors[name] : undefined;
        return (
          <div key={rule.id} className="narrow draw-rule">
            <h3>{t(`incentivesStaff.condition.${rule.condition}`)}</h3>
            {rule.drawableEntries === 0 ? null : (
              <p>
                {t("incentivesStaff.draw.ready", {
                  entries: rule.drawableEntries,
                  prizes: rule.prizes ?? 0,
                  value: formatEuros(rule.amountCents, language),
                })}
              </p>
            )}
            {rule.drawableEntries === 0 ? (
              <p className="hint">{t("incentivesStaff.draw.noEntries")}</p>
            ) : (
              <Form method="post" action={`${base}#draws`} noValidate key={location.key}>
                <input type="hidden" name="intent" value="draw" />
                <input type="hidden" name="ruleId" value={rule.id} />
                <ConfirmBox
                  id={name}
                  label={t("incentivesStaff.draw.understood", { prizes: rule.prizes ?? 0 })}
                  error={
                    error
                      ? t(error, {
                          needed: formatEuros(Math.min(rule.prizes ?? 0, rule.drawableEntries) * rule.amountCents, language),
                          remaining: formatEuros(Math.max(0, rule.remainingCents), language),
                        })
                      : undefined
                  }
                />
                <button type="submit" className="primary">
                  {t("incentivesStaff.draw.run")}
                </button>
              </Form>
            )}
          </div>
        );
      })}
      <h3>{t("incentivesStaff.draw.pastTitle")}</h3>
      {view.draws.length === 0 ? (
        <p className="empty-state">{t("incentivesStaff.draw.pastEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="draws">
            <caption className="visually-hidden">{t("incentivesStaff.draw.pastTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("incentivesStaff.draw.when")}</th>
                <th scope="col" className="number">
                  {t("incentivesStaff.draw.entries")}
                </th>
                <th scope="col">{t("incentivesStaff.draw.prizes")}</th>
                <th scope="col">{t("incentivesStaff.draw.winners")}</th>
                <th scope="col">{t("incentivesStaff.draw.check")}</th>
              </tr>
            </thead>
            <tbody>
              {view.draws.map((draw) => (
                <tr key={draw.id}>
                  <th scope="row">{formatDateTime(draw.drawnAt, language)}</th>
                  <td className="number">{draw.entries.length}</td>
                  <td>{t("incentivesStaff.draw.prizesValue", { prizes: draw.prizes, value: formatEuros(draw.prizeCents, language) })}</td>
                  <td>
                    <ol className="ids">
                      {draw.winners.map((id) => (
                        <li key={id}>
                          <code>{id}</code>
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    <dl className="draw-proof">
                      <dt>{t("incentivesStaff.draw.seed")}</dt>
                      <dd>
                        <code className="break">{draw.seed}</code>
                      </dd>
                      <dt>{t("incentivesStaff.draw.digest")}</dt>
                      <dd>
                        <code className="break">{draw.entriesDigest}</code>
                      </dd>
                    </dl>
                    <Link to={`/draws/${draw.id}`}>{t("incentivesStaff.draw.publicLink")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
