import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { can } from "~/infra/auth/roles";
import { languages, type MessageKey } from "~/infra/i18n/i18n";
import { useRootData, useT } from "./use-translate";

function LanguageSwitcher() {
  const t = useT();
  const root = useRootData();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="language-switcher" aria-label={t("lang.switcher")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {languages.map((language) => (
        <button
          key={language}
          type="submit"
          name="language"
          value={language}
          lang={language}
          aria-pressed={root?.language === language}
        >
          {t(`lang.${language}` as MessageKey)}
        </button>
      ))}
    </Form>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const user = useRootData()?.user ?? null;
  const links: { to: string; label: MessageKey }[] = [];
  if (!user) {
    links.push({ to: "/", label: "nav.home" }, { to: "/join", label: "nav.join" }, { to: "/sign-in", label: "nav.signIn" });
  } else if (user.kind === "MEMBER") {
    links.push({ to: "/", label: "nav.home" }, { to: "/account", label: "nav.account" }, { to: "/account/bookings", label: "nav.bookings" }, { to: "/account/rewards", label: "nav.rewards" });
  } else {
    links.push({ to: "/staff", label: "nav.staff" });
    if (can(user.roles, "studies.manage")) {
      links.push(
        { to: "/staff/studies", label: "nav.studies" },
        { to: "/staff/segments", label: "campaignsNav.segments" },
        { to: "/staff/panel-health", label: "campaignsNav.panelHealth" },
      );
    }
    if (can(user.roles, "workshops.manage")) links.push({ to: "/staff/workshops", label: "nav.workshops" });
    if (can(user.roles, "feedback.handle")) links.push({ to: "/staff/feedback", label: "nav.feedback" });
    if (can(user.roles, "incentives.admin")) links.push({ to: "/staff/incentives", label: "nav.incentives" });
    if (can(user.roles, "members.directory")) links.push({ to: "/staff/members", label: "nav.staffMembers" });
    if (can(user.roles, "consents.manage")) links.push({ to: "/staff/consents", label: "nav.staffConsents" });
    if (can(user.roles, "staff.manage")) links.push({ to: "/staff/accounts", label: "nav.staffAccounts" });
  }
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to={user?.kind === "STAFF" ? "/staff" : "/"} className="brand">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.main")}>
            <ul>
              {links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} end>
                    {t(link.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-tools">
            <LanguageSwitcher />
            {user ? (
              <Form method="post" action="/sign-out" className="sign-out">
                <span className="signed-in-as">{t("nav.signedInAs", { email: user.email })}</span>
                <button type="submit">{t("nav.signOut")}</button>
              </Form>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("app.tagline")}</p>
        <p>
          <Link to="/feedback">{t("nav.giveFeedback")}</Link> · <Link to="/you-said-we-did">{t("nav.youSaidWeDid")}</Link>
        </p>
        {!user ? (
          <p>
            <Link to="/staff/sign-in">{t("nav.staffSignIn")}</Link>
          </p>
        ) : null}
      </footer>
    </>
  );
}
