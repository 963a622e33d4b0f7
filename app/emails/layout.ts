// One email is one small unit: its subject and content blocks, rendered here
// into both an HTML and a plain-text body in the recipient's language.
import { translator, type Language, type Translate } from "~/infra/i18n/i18n";

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "code"; text: string }
  | { kind: "button"; text: string; href: string };

export interface EmailContent {
  subject: string;
  blocks: Block[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export type EmailTemplate<Data> = (t: Translate, data: Data) => EmailContent;

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface RenderOptions {
  /** members' emails: a link to withdraw consent or change what they receive */
  manageUrl?: string;
}

export function render<Data>(template: EmailTemplate<Data>, language: Language, data: Data, options: RenderOptions = {}): RenderedEmail {
  const t = translator(language);
  const content = template(t, data);
  const footer = t("email.footer");
  const manage = options.manageUrl ? { text: t("email.manageConsents"), href: options.manageUrl } : null;
  const htmlBlocks = content.blocks.map((block) => {
    switch (block.kind) {
      case "paragraph":
        return `<p style="margin:0 0 16px">${escape(block.text)}</p>`;
      case "code":
        return `<p style="margin:0 0 16px;font-size:28px;font-weight:bold;letter-spacing:4px;font-family:monospace">${escape(block.text)}</p>`;
      case "button":
        return `<p style="margin:0 0 16px"><a href="${escape(block.href)}" style="background:#0b5394;color:#ffffff;padding:10px 16px;border-radius:4px;text-decoration:none;display:inline-block">${escape(block.text)}</a></p>`;
    }
  });
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(content.subject)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<div style="max-width:560px;margin:0 auto">
${htmlBlocks.join("\n")}
<hr style="border:none;border-top:1px solid #cccccc;margin:24px 0">
<p style="margin:0;font-size:13px;color:#555555">${escape(footer)}</p>
${manage ? `<p style="margin:8px 0 0;font-size:13px"><a href="${escape(manage.href)}" style="color:#0b5394">${escape(manage.text)}</a></p>` : ""}
</div></body></html>`;
  const text = [
    ...content.blocks.map((block) => (block.kind === "button" ? `${block.text}:\n${block.href}` : block.text)),
    "--",
    footer,
    ...(manage ? [`${manage.text}:\n${manage.href}`] : []),
  ].join("\n\n");
  return { subject: content.subject, html, text: `${text}\n` };
}
