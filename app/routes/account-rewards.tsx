// A signed-in member's rewards: each with its study, kind, amount and status
// in words, a delivered gift card's code, this year's total against the
// yearly cap, and the bank account a bank transfer is paid to. The account
// form appears only when a bank transfer waits for it (or to change the one on
// file); removing it takes a confirmation step (?confirm=remove). Every POST
// answers with a redirect and a notice, or with the errors next to the fields.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { formatDate, type Language, type MessageKey } from "~/infra/i18n/i18n";
import type { IbanProblem } from "~/modules/incentives/iban";
import { memberRewards, removeBankAccount, saveBankAccount, type MemberReward } from "~/modules/incentives/incentives.server";
import { formatEuros } from "~/modules/incentives/money";
import { local } from "~/modules/surveys/link-pages.server";
import styles from "./account-rewards.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const ibanErrors: Record<IbanProblem, MessageKey> = {
  empty: "myRewards.iban.empty",
  format: "myRewards.iban.format",
  country: "myRewards.iban.country",
  length: "myRewards.iban.length",
  checksum: "myRewards.iban.checksum",
};
const holderErrors: Record<"required" | "too-long", MessageKey> = {
  required: "myRewards.holder.required",
  "too-long": "myRewards.holder.tooLong",
};
const doneNotices: Record<string, MessageKey> = { saved: "myRewards.done.saved", removed: "myRewards.done.removed" };
const refusals: Record<string, MessageKey> = { "not-wanted": "myRewards.refused.notWanted", "in-payout": "myRewards.refused.inPayout" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const mine = await memberRewards(user.id);
  if (!mine) throw new Response("Not found", { status: 404 });
  return {
    ...mine,
    rewards: mine.rewards.map(({ studyTitle, ...reward }) => ({ ...reward, studyTitle: local(studyTitle, user.language) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const values = await readForm(request);
  if (values.intent === "save-account") {
    const result = await saveBankAccount(user.id, { iban: values.iban, holder: values.holder });
    if (result.ok) return redirect("/account/rewards?done=saved");
    if ("reason" in result) return redirect("/account/rewards?refused=not-wanted");
    const errors: Record<string, MessageKey> = {};
    if (result.errors.iban) errors.iban = ibanErrors[result.errors.iban];
    if (result.errors.holder) errors.holder = holderErrors[result.errors.holder];
    return data({ errors, values: result.values }, { status: 400 });
  }
  if (values.intent === "remove-account") {
    await removeBankAccount(user.id);
    // An account a payment is being made to stays until finance has paid it.
    const after = await memberRewards(user.id);
    return redirect(after?.account ? "/account/rewards?refused=in-payout" : "/account/rewards?done=removed");
  }
  throw new Response("Bad request", { status: 400 });
}

/** A stored day (YYYY-MM-DD) in the reader's language; noon keeps it the same day in Helsinki. */
const day = (value: string, language: Language) => formatDate(`${value}T12:00:00Z`, language);

/** The reward's status in words, for its kind. */
function statusKey(reward: Omit<MemberReward, "studyTitle">): MessageKey {
  switch (reward.status) {
    case "PENDING":
      return reward.kind === "PRIZE_DRAW" ? "myRewards.status.pendingDraw" : "myRewards.status.pending";
    case "APPROVED":
      if (reward.kind === "PRIZE_DRAW") return reward.amountCents > 0 ? "myRewards.status.won" : "myRewards.status.inDraw";
      if (reward.kind === "GIFT_CARD") return "myRewards.status.approvedGiftCard";
      if (reward.kind === "CHARITY") return "myRewards.status.approvedCharity";
      return reward.waitingForAccount ? "myRewards.status.waitingForAccount" : "myRewards.status.approvedTransfer";
    case "PAID":
      if (reward.kind === "PRIZE_DRAW") return "myRewards.status.wonSent";
      if (reward.kind === "GIFT_CARD") return "myRewards.status.sent";
      if (reward.kind === "CHARITY") return "myRewards.status.donated";
      return "myRewards.status.paid";
    case "REJECTED":
      return "myRewards.status.rejected";
    case "OVER_CAP":
      return "myRewards.status.overCap";
    case "NOT_DRAWN":
      return "myRewards.status.notDrawn";
  }
}

export default function AccountRewards() {
  const t = useT();
  const language = useLanguage();
  const mine = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const euros = (cents: number) => formatEuros(cents, language);
  const { rewards, account, accountWanted } = mine;

  if (account && params.get("confirm") === "remove") {
    return (
      <div className="rewards">
        <h1>{t("myRewards.account.removeTitle")}</h1>
        <p>{t("myRewards.account.removeBody", { account: account.masked, holder: account.holder })}</p>
        <Form method="post" action="/account/rewards" className="rewards-actions">
          <input type="hidden" name="intent" value="remove-account" />
          <button type="submit" className="primary rewards-danger">
            {t("myRewards.account.removeConfirm")}
          </button>
          <Link to="/account/rewards#account">{t("myRewards.account.keep")}</Link>
        </Form>
      </div>
    );
  }

  const done = params.get("done");
  const refused = params.get("refused");
  const notice = done && Object.hasOwn(doneNotices, done) ? doneNotices[done] : null;
  const refusal = refused && Object.hasOwn(refusals, refused) ? refusals[refused] : null;
  const changing = params.get("change") === "account" || Boolean(state?.errors);
  const showForm = accountWanted && (!account || changing);
  const waiting = rewards.some((reward) => reward.waitingForAccount);
  const atCap = mine.yearTotalCents >= mine.capCents;
  const labels = { iban: t("myRewards.account.iban"), holder: t("myRewards.account.holder") };

  return (
    <div className="rewards">
      <p>
        <Link to="/account">{t("profile.backToAccount")}</Link>
      </p>
      <h1>{t("myRewards.title")}</h1>
      <div role="status" className="rewards-status">
        {notice && !state ? <p className="success">{t(notice)}</p> : null}
      </div>
      {refusal && !state ? (
        <div className="error-summary" role="alert" aria-labelledby="refused-title">
          <h2 id="refused-title">{t("myRewards.refusedTitle")}</h2>
          <p>{t(refusal)}</p>
        </div>
      ) : null}
      <p>{t("myRewards.intro")}</p>

      {rewards.length === 0 ? (
        <section aria-labelledby="rewards-empty" className="rewards-empty">
          <h2 id="rewards-empty">{t("myRewards.empty.title")}</h2>
          <p>{t("myRewards.empty.what")}</p>
          <p>{t("myRewards.empty.how")}</p>
          <p>{t("myRewards.empty.cap", { cap: euros(mine.capCents) })}</p>
        </section>
      ) : (
        <div className="rewards-year">
          <p className="rewards-total">
            {t("myRewards.year", { year: String(mine.year), total: euros(mine.yearTotalCents), cap: euros(mine.capCents) })}
          </p>
          <p className="hint">{t("myRewards.yearHint")}</p>
          {atCap ? <p className="notice">{t("myRewards.atCap")}</p> : null}
        </div>
      )}

      {accountWanted || account ? (
        <section aria-labelledby="account" className="rewards-card rewards-account">
          <h2 id="account">{t("myRewards.account.title")}</h2>
          {waiting ? <p className="notice">{t("myRewards.account.needed")}</p> : null}
          <p>{t("myRewards.account.why")}</p>
          {account && !showForm ? (
            <>
              <p>{t("myRewards.account.onFile")}</p>
              <dl className="rewards-details">
                <div>
                  <dt>{t("myRewards.account.number")}</dt>
                  <dd>{account.masked}</dd>
                </div>
                <div>
                  <dt>{t("myRewards.account.holder")}</dt>
                  <dd>{account.holder}</dd>
                </div>
              </dl>
              <p className="rewards-actions">
                {accountWanted ? (
                  <Link className="rewards-button" to="?change=account#account">
                    {t("myRewards.account.change")}
                  </Link>
                ) : null}
                <Link className="rewards-button" to="?confirm=remove">
                  {t("myRewards.account.remove")}
                </Link>
              </p>
            </>
          ) : null}
          {showForm ? (
            <Form method="post" action="/account/rewards" noValidate>
              <ErrorSummary state={state} labels={labels} />
              <input type="hidden" name="intent" value="save-account" />
              <Field
                name="iban"
                label={labels.iban}
                hint={t("myRewards.account.ibanHint")}
                state={state}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={64}
              />
              <Field
                name="holder"
                label={labels.holder}
                hint={t("myRewards.account.holderHint")}
                state={state}
                defaultValue={account?.holder ?? ""}
                autoComplete="name"
                maxLength={200}
              />
              <p className="rewards-actions">
                <button type="submit" className="primary">
                  {t("myRewards.account.save")}
                </button>
                {account ? <Link to="/account/rewards#account">{t("myRewards.account.cancel")}</Link> : null}
              </p>
            </Form>
          ) : null}
        </section>
      ) : null}

      {rewards.length > 0 ? (
        <section aria-labelledby="rewards-list">
          <h2 id="rewards-list">{t("myRewards.listTitle")}</h2>
          <ul className="rewards-list">
            {rewards.map((reward) => {
              const titleId = `reward-${reward.id}`;
              const sent = reward.kind === "GIFT_CARD" || reward.kind === "PRIZE_DRAW";
              return (
                <li key={reward.id} className="rewards-card" aria-labelledby={titleId}>
                  <h3 id={titleId}>{reward.studyTitle}</h3>
                  <dl className="rewards-details">
                    <div>
                      <dt>{t("myRewards.detail.kind")}</dt>
                      <dd>{t(`myRewards.kind.${reward.kind}` as MessageKey)}</dd>
                    </div>
                    {reward.amountCents > 0 ? (
                      <div>
                        <dt>{t("myRewards.detail.amount")}</dt>
                        <dd>{euros(reward.amountCents)}</dd>
                      </div>
                    ) : null}
                    {reward.kind === "CHARITY" && reward.charity ? (
                      <div>
                        <dt>{t("myRewards.detail.charity")}</dt>
                        <dd>{reward.charity}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt>{t("myRewards.detail.status")}</dt>
                      <dd>
                        <span className={`rewards-badge rewards-badge-${reward.waitingForAccount ? "pending" : reward.status.toLowerCase()}`}>{t(statusKey(reward))}</span>
                      </dd>
                    </div>
                    {reward.status === "REJECTED" && reward.rejectReason ? (
                      <div>
                        <dt>{t("myRewards.detail.reason")}</dt>
                        <dd>{reward.rejectReason}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt>{t("myRewards.detail.earned")}</dt>
                      <dd>{day(reward.accruedOn, language)}</dd>
                    </div>
                    {reward.paidOn ? (
                      <div>
                        <dt>{t(sent ? "myRewards.detail.sent" : reward.kind === "CHARITY" ? "myRewards.detail.donated" : "myRewards.detail.paid")}</dt>
                        <dd>{day(reward.paidOn, language)}</dd>
                      </div>
                    ) : null}
                  </dl>
                  {reward.status === "OVER_CAP" ? <p className="hint">{t("myRewards.status.overCapHint")}</p> : null}
                  {reward.giftCard ? (
                    <div className="rewards-code">
                      <p>
                        {t("myRewards.giftCard.code")}: <code>{reward.giftCard.code}</code>
                      </p>
                      {reward.giftCard.expiresOn ? <p>{t("myRewards.giftCard.expires", { date: day(reward.giftCard.expiresOn, language) })}</p> : null}
                      <p className="hint">{t("myRewards.giftCard.keepSafe")}</p>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
