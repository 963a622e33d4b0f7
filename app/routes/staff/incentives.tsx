// The admin's side of rewards: the yearly cap per member, the gift-card stock
// by value (and the approved rewards waiting for a code), uploading the card
// supplier's CSV, and the payout batches finance pays from: create one,
// download its CSV, mark it paid. Plain forms: it all works without JavaScript.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmBox, ErrorSummary, Field } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import type { SessionUser } from "~/infra/auth/session.server";
import { readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDate, formatDateTime, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { createPayoutBatch, incentivesAdmin, markPayoutPaid, updateYearlyCap, uploadGiftCards } from "~/modules/incentives/incentives.server";
import { formatEuros } from "~/modules/incentives/money";
import styles from "./incentives.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

type FieldErrors = Record<string, MessageKey>;

/** The largest gift-card file taken: a supplier's file of thousands of codes is far smaller. */
const UPLOAD_LIMIT = 1024 * 1024;
/** Problems listed on the page; the rest are counted. */
const PROBLEMS_SHOWN = 100;
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "incentives.admin");
  const view = await incentivesAdmin(user);
  // Every value the stock has or an approved reward waits for, smallest first.
  const values = [...new Set([...view.stock.map((s) => s.valueCents), ...view.waitingCards.map((w) => w.valueCents)])].sort((a, b) => a - b);
  return data(
    {
      capCents: view.capCents,
      stock: values.map((valueCents) => {
        const row = view.stock.find((s) => s.valueCents === valueCents);
        return {
          valueCents,
          available: row?.available ?? 0,
          delivered: row?.delivered ?? 0,
          expired: row?.expired ?? 0,
          waiting: view.waitingCards.find((w) => w.valueCents === valueCents)?.count ?? 0,
        };
      }),
      payable: view.payable,
      waitingAccount: view.waitingAccount,
      batches: view.batches,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

interface Failure {
  form: "cap" | "upload" | "batch" | "paid";
  batchId?: string;
  errors: FieldErrors;
  values: Record<string, string>;
  problems?: { line: number; problem: string }[];
  moreProblems?: number;
}

const refuse = (failure: Failure, status = 400) => data(failure, { status });

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "incentives.admin");
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) return upload(request, user);
  const values = await readForm(request);

  switch (values.intent) {
    case "cap": {
      const saved = await updateYearlyCap(user, { yearlyCap: values.yearlyCap });
      if (!saved.ok) return refuse({ form: "cap", errors: { yearlyCap: "incentivesStaff.cap.error.invalid" }, values: saved.values });
      return redirect("/staff/incentives?capSaved=1#cap");
    }
    case "batch": {
      const created = await createPayoutBatch(user);
      if (!created.ok) return refuse({ form: "batch", errors: { batch: "incentivesStaff.payouts.error.nothing" }, values: {} }, 409);
      return redirect(`/staff/incentives?batch=${encodeURIComponent(created.reference)}&lines=${created.lines}#batches`);
    }
    case "paid": {
      const batchId = typeof values.batchId === "string" && isUuid(values.batchId) ? values.batchId : null;
      if (!batchId) badRequest();
      const field = `understood-${batchId}`;
      if (values.understood !== "on") return refuse({ form: "paid", batchId, errors: { [field]: "incentivesStaff.batches.error.understood" }, values: {} });
      const paid = await markPayoutPaid(user, batchId);
      if (!paid) notFound();
      if (!paid.ok) return refuse({ form: "paid", batchId, errors: { [field]: `incentivesStaff.batches.error.${paid.reason}` as MessageKey }, values: {} }, 409);
      return redirect(`/staff/incentives?paid=${paid.paid}&accounts=${paid.accountsDeleted}#batches`);
    }
  }
  badRequest();
}

const uploadRefused = (error: MessageKey, status = 400) => refuse({ form: "upload", errors: { file: error }, values: {} }, status);

/** The supplier's CSV: read in memory up to the limit, as UTF-8 (or, failing that, the Windows encoding Excel saves in). */
async function upload(request: Request, user: SessionUser) {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > UPLOAD_LIMIT + 64 * 1024) return uploadRefused("incentivesStaff.upload.error.tooLarge", 413);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: UPLOAD_LIMIT }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return uploadRefused("incentivesStaff.upload.error.tooLarge", 413);
    return uploadRefused("incentivesStaff.upload.error.unreadable");
  }
  if (form.get("intent") !== "upload") badRequest();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return uploadRefused("incentivesStaff.upload.error.required");
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  const result = await uploadGiftCards(user, file.name, text);
  if (!result.ok) {
    return refuse({
      form: "upload",
      errors: { file: "incentivesStaff.upload.error.problems" },
      values: {},
      problems: result.problems.slice(0, PROBLEMS_SHOWN),
      moreProblems: Math.max(0, result.problems.length - PROBLEMS_SHOWN),
    });
  }
  return redirect(`/staff/incentives?added=${result.added}&duplicates=${result.duplicates}&delivered=${result.delivered}#stock`);
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Failed = ReturnType<typeof useActionData<typeof action>>;

/** Cents as a person edits them: "300,00" in Finnish and Swedish, "300.00" in English. */
function editable(cents: number, language: Language) {
  const text = (cents / 100).toFixed(2);
  return language === "en" ? text : text.replace(".", ",");
}

export default function Incentives() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <h1>{t("incentivesStaff.admin.title")}</h1>
      <p>{t("incentivesStaff.admin.intro")}</p>
      <Notices />
      <CapSection view={loaded} failed={failed?.form === "cap" ? failed : undefined} />
      <StockSection view={loaded} />
      <UploadSection failed={failed?.form === "upload" ? failed : undefined} />
      <PayoutSection view={loaded} failed={failed?.form === "batch" ? failed : undefined} />
      <BatchesSection view={loaded} failed={failed?.form === "paid" ? failed : undefined} />
    </>
  );
}

function Notices() {
  const t = useT();
  const [params] = useSearchParams();
  const count = (name: string) => Math.max(0, Math.trunc(Number(params.get(name)) || 0));
  const notices: string[] = [];
  if (params.get("capSaved")) notices.push(t("incentivesStaff.notice.capSaved"));
  if (params.get("added") !== null) {
    notices.push(t("incentivesStaff.notice.uploaded", { added: count("added") }));
    if (count("duplicates") > 0) notices.push(t("incentivesStaff.notice.duplicates", { count: count("duplicates") }));
    if (count("delivered") > 0) notices.push(t("incentivesStaff.notice.deliveredWaiting", { count: count("delivered") }));
  }
  const batch = params.get("batch");
  if (batch && /^\d{4}-\d{4}$/.test(batch)) notices.push(t("incentivesStaff.notice.batch", { reference: batch, count: count("lines") }));
  if (params.get("paid") !== null) notices.push(t("incentivesStaff.notice.paid", { count: count("paid"), accounts: count("accounts") }));
  if (notices.length === 0) return null;
  return (
    <div className="success" role="status">
      {notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}

function CapSection({ view, failed }: { view: Loaded; failed?: Failed }) {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const errors = failed?.errors ?? {};
  const labels = { yearlyCap: t("incentivesStaff.cap.field") };
  return (
    <section aria-labelledby="cap-title" id="cap" className="narrow">
      <h2 id="cap-title">{t("incentivesStaff.cap.title")}</h2>
      <p>{t("incentivesStaff.cap.current", { cap: formatEuros(view.capCents, language) })}</p>
      <Form method="post" action="/staff/incentives#cap" noValidate key={location.key}>
        <ErrorSummary state={{ errors }} labels={labels} />
        <input type="hidden" name="intent" value="cap" />
        <Field
          name="yearlyCap"
          label={labels.yearlyCap}
          hint={t("incentivesStaff.cap.hint")}
          inputMode="decimal"
          autoComplete="off"
          size={12}
          defaultValue={failed?.values.yearlyCap ?? editable(view.capCents, language)}
          state={errors.yearlyCap ? { errors: { yearlyCap: errors.yearlyCap } } : undefined}
        />
        <button type="submit" className="primary">
          {t("incentivesStaff.cap.save")}
        </button>
      </Form>
    </section>
  );
}

function StockSection({ view }: { view: Loaded }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section aria-labelledby="stock-title" id="stock">
      <h2 id="stock-title">{t("incentivesStaff.stock.title")}</h2>
      <p className="hint">{t("incentivesStaff.stock.intro")}</p>
      {view.stock.length === 0 ? (
        <div className="empty-state">
          <p>{t("incentivesStaff.stock.empty")}</p>
          <p>
            <a href="#upload-title">{t("incentivesStaff.stock.emptyCta")}</a>
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("incentivesStaff.stock.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("incentivesStaff.stock.value")}</th>
                <th scope="col" className="number">
                  {t("incentivesStaff.stock.available")}
                </th>
                <th scope="col" className="number">
                  {t("incentivesStaff.stock.delivered")}
                </th>
                <th scope="col" className="number">
                  {t("incentivesStaff.stock.expired")}
                </th>
                <th scope="col" className="number">
                  {t("incentivesStaff.stock.waiting")}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.stock.map((row) => (
                <tr key={row.valueCents}>
                  <th scope="row">{formatEuros(row.valueCents, language)}</th>
                  <td className="number">{row.available}</td>
                  <td className="number">{row.delivered}</td>
                  <td className="number">{row.expired}</td>
                  <td className="number">
                    {row.waiting}
                    {row.waiting > 0 ? (
                      <>
                        <br />
                        <strong className="marker marker-warning">{t("incentivesStaff.stock.needMore")}</strong>
                      </>
                    ) : null}
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

function UploadSection({ failed }: { failed?: Failed }) {
  const t = useT();
  const location = useLocation();
  const error = failed?.errors.file;
  const problems = failed?.problems ?? [];
  const describedBy = ["file-hint", error ? "file-error" : null, problems.length ? "file-problems" : null].filter(Boolean).join(" ");
  return (
    <section aria-labelledby="upload-title" id="upload" className="narrow">
      <h2 id="upload-title">{t("incentivesStaff.upload.title")}</h2>
      <Form method="post" action="/staff/incentives#upload" encType="multipart/form-data" noValidate key={location.key}>
        <ErrorSummary state={{ errors: failed?.errors }} labels={{ file: t("incentivesStaff.upload.field") }} />
        <input type="hidden" name="intent" value="upload" />
        <div className={error ? "field field-invalid" : "field"}>
          <label htmlFor="file">{t("incentivesStaff.upload.field")}</label>
          <p className="hint" id="file-hint">
            {t("incentivesStaff.upload.hint")}
          </p>
          {error ? (
            <p className="field-error" id="file-error">
              {t(error)}
            </p>
          ) : null}
          {problems.length > 0 ? (
            <ul className="field-error problems" id="file-problems">
              {problems.map((p) => (
                <li key={`${p.line}-${p.problem}`}>{t("incentivesStaff.upload.problemLine", { line: p.line, problem: t(`incentivesStaff.upload.problem.${p.problem}` as MessageKey) })}</li>
              ))}
              {failed?.moreProblems ? <li>{t("incentivesStaff.upload.moreProblems", { count: failed.moreProblems })}</li> : null}
            </ul>
          ) : null}
          <input id="file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
        </div>
        <button type="submit" className="primary">
          {t("incentivesStaff.upload.submit")}
        </button>
      </Form>
    </section>
  );
}

function PayoutSection({ view, failed }: { view: Loaded; failed?: Failed }) {
  const t = useT();
  const language = useLanguage();
  const error = failed?.errors.batch;
  return (
    <section aria-labelledby="payouts-title" id="payouts" className="narrow">
      <h2 id="payouts-title">{t("incentivesStaff.payouts.title")}</h2>
      <p className="hint">{t("incentivesStaff.payouts.intro")}</p>
      <p>
        {view.payable.count > 0
          ? t("incentivesStaff.payouts.ready", { count: view.payable.count, total: formatEuros(view.payable.totalCents, language) })
          : t("incentivesStaff.payouts.nothing")}
      </p>
      {view.waitingAccount > 0 ? <p>{t("incentivesStaff.payouts.waitingAccount", { count: view.waitingAccount })}</p> : null}
      {error ? (
        <p className="field-error" role="alert" id="batch-error">
          {t(error)}
        </p>
      ) : null}
      {view.payable.count > 0 ? (
        <Form method="post" action="/staff/incentives#batches">
          <input type="hidden" name="intent" value="batch" />
          <button type="submit" className="primary">
            {t("incentivesStaff.payouts.create")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function BatchesSection({ view, failed }: { view: Loaded; failed?: Failed }) {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  return (
    <section aria-labelledby="batches-title" id="batches">
      <h2 id="batches-title">{t("incentivesStaff.batches.title")}</h2>
      {failed?.batchId && !view.batches.some((b) => b.id === failed.batchId && b.status === "OPEN") ? (
        <p className="field-error" role="alert">
          {t(Object.values(failed.errors)[0] ?? "incentivesStaff.batches.error.already-paid")}
        </p>
      ) : null}
      {view.batches.length === 0 ? (
        <p className="empty-state">{t("incentivesStaff.batches.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="batches">
            <caption>{t("incentivesStaff.batches.caption", { count: view.batches.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("incentivesStaff.batches.reference")}</th>
                <th scope="col" className="number">
                  {t("incentivesStaff.batches.lines")}
                </th>
                <th scope="col" className="number">
                  {t("incentivesStaff.batches.total")}
                </th>
                <th scope="col">{t("incentivesStaff.batches.created")}</th>
                <th scope="col">{t("incentivesStaff.batches.exported")}</th>
                <th scope="col">{t("incentivesStaff.batches.paidOn")}</th>
                <th scope="col">{t("incentivesStaff.batches.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {view.batches.map((batch) => {
                const name = `understood-${batch.id}`;
                const error = failed?.batchId === batch.id ? failed.errors[name] : undefined;
                return (
                  <tr key={batch.id}>
                    <th scope="row">{batch.reference}</th>
                    <td className="number">{batch.lines}</td>
                    <td className="number">{formatEuros(batch.totalCents, language)}</td>
                    <td>{formatDateTime(batch.createdAt, language)}</td>
                    <td>{batch.exportedAt ? formatDateTime(batch.exportedAt, language) : t("incentivesStaff.batches.notExported")}</td>
                    <td>{batch.paidOn ? formatDate(batch.paidOn, language) : t("incentivesStaff.batches.open")}</td>
                    <td>
                      {batch.status === "OPEN" ? (
                        <>
                          <p>
                            <a href={`/staff/incentives/payouts/${batch.id}.csv`} download>
                              {t("incentivesStaff.batches.download")}
                              <span className="visually-hidden"> {batch.reference}</span>
                            </a>
                          </p>
                          {batch.exportedAt ? null : <p className="hint">{t("incentivesStaff.batches.exportFirst")}</p>}
                          <Form method="post" action="/staff/incentives#batches" noValidate key={location.key}>
                            <input type="hidden" name="intent" value="paid" />
                            <input type="hidden" name="batchId" value={batch.id} />
                            <ConfirmBox id={name} label={t("incentivesStaff.batches.understood", { reference: batch.reference })} error={error ? t(error) : undefined} />
                            <button type="submit" className="secondary">
                              {t("incentivesStaff.batches.markPaid")}
                              <span className="visually-hidden"> {batch.reference}</span>
                            </button>
                          </Form>
                        </>
                      ) : (
                        t("incentivesStaff.batches.done")
                      )}
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

export const ErrorBoundary = GeneralErrorBoundary;
