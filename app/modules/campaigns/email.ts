// A campaign's invitation or reminder email: the researcher's subject and
// text in one language with {title}, {link} and {closes} filled in, rendered
// by the shared email layout into HTML and plain text, with the one-click
// unsubscribe link at the foot. Used by the preview, the test send and the
// campaign sender alike, so what researchers see is what members get.
import { render, type Block, type RenderedEmail } from "~/emails/layout";
import { formatDate, languages, translator, type Language } from "~/infra/i18n/i18n";

export const campaignPlaceholders = ["title", "link", "closes"] as const;

export interface CampaignEmailText {
  subject: string;
  body: string;
}

export type CampaignEmailTexts = Partial<Record<Language, CampaignEmailText>>;

export interface CampaignForEmail {
  /** { fi?: {subject, body}, sv?: …, en?: … } as stored on the campaign */
  email: unknown;
  closesAt: Date | string | null;
}

export interface StudyForEmail {
  /** { fi, sv, en } */
  title: unknown;
  closesAt: Date | string | null;
}

export interface CampaignEmailLinks {
  /** the answering link ({link}) */
  link: string;
  /** the one-click unsubscribe page of this message */
  unsubscribeUrl: string;
}

export interface RenderedCampaignEmail extends RenderedEmail {
  /** the language the text was written in (the member's, or the first one the campaign has) */
  language: Language;
}

/** Placeholders in a text that are not ours, e.g. a mistyped "{titel}". */
export function unknownPlaceholders(text: string): string[] {
  const known: readonly string[] = campaignPlaceholders;
  return [...new Set([...text.matchAll(/\{([^{}\s]*)\}/g)].map((m) => m[1]!))].filter((name) => !known.includes(name));
}

function textIn(email: unknown, language: Language): CampaignEmailText | null {
  const entry = (email as Record<string, unknown> | null)?.[language] as Partial<CampaignEmailText> | undefined;
  if (!entry || typeof entry.subject !== "string" || typeof entry.body !== "string") return null;
  if (!entry.subject.trim() || !entry.body.trim()) return null;
  return { subject: entry.subject, body: entry.body };
}

/**
 * The language a member gets the email in: their own when the campaign has a
 * text in it, else Finnish, Swedish, English in that order; null when the
 * campaign has no text at all.
 */
export function campaignEmailLanguage(email: unknown, language: Language): Language | null {
  for (const candidate of [language, ...languages]) if (textIn(email, candidate)) return candidate;
  return null;
}

function localised(text: unknown, language: Language): string {
  const value = (text ?? {}) as Record<string, unknown>;
  for (const candidate of [language, ...languages]) {
    const found = value[candidate];
    if (typeof found === "string" && found.trim()) return found.trim();
  }
  return "";
}

export function renderCampaignEmail(
  campaign: CampaignForEmail,
  study: StudyForEmail,
  language: Language,
  links: CampaignEmailLinks,
  options: { note?: string; subjectPrefix?: string } = {},
): RenderedCampaignEmail {
  const used = campaignEmailLanguage(campaign.email, language);
  if (!used) throw new Error("The campaign has no email text");
  const text = textIn(campaign.email, used)!;
  const t = translator(used);
  const closesAt = campaign.closesAt ?? study.closesAt;
  const values: Record<(typeof campaignPlaceholders)[number], string> = {
    title: localised(study.title, used),
    link: links.link,
    closes: closesAt ? formatDate(closesAt, used) : t("campaigns.email.openEnded"),
  };
  const fill = (value: string) =>
    value.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(values, name) ? values[name as keyof typeof values] : match));

  // Each line of the text is a paragraph; a line that is only {link} becomes
  // the button, and a text without {link} gets the button at its end.
  const lines = text.body.replace(/\r\n?/g, "\n").split("\n").map((line) => line.trim()).filter(Boolean);
  const button: Block = { kind: "button", text: t("campaigns.email.takePart"), href: links.link };
  const blocks: Block[] = [
    ...(options.note ? [{ kind: "paragraph" as const, text: options.note }] : []),
    ...lines.map((line): Block => (line === "{link}" ? button : { kind: "paragraph", text: fill(line) })),
  ];
  if (!/\{link\}/.test(text.body)) blocks.push(button);

  // A subject is one header line.
  const subject = [options.subjectPrefix, fill(text.subject)].filter(Boolean).join(" ").replace(/\s+/g, " ").trim().slice(0, 250);
  const rendered = render((): { subject: string; blocks: Block[] } => ({ subject, blocks }), used, null);
  return { ...withUnsubscribe(rendered, t("campaigns.email.unsubscribe"), links.unsubscribeUrl), language: used };
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The unsubscribe link under the layout's footer, in both parts. */
function withUnsubscribe(email: RenderedEmail, label: string, url: string): RenderedEmail {
  const end = "</div></body></html>";
  const at = email.html.lastIndexOf(end);
  if (at < 0) throw new Error("The email layout changed: no place for the unsubscribe link");
  const link = `<p style="margin:8px 0 0;font-size:13px"><a href="${escape(url)}" style="color:#0b5394">${escape(label)}</a></p>\n`;
  return {
    subject: email.subject,
    html: `${email.html.slice(0, at)}${link}${email.html.slice(at)}`,
    text: `${email.text.trimEnd()}\n\n${label}:\n${url}\n`,
  };
}
