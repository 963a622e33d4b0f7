// Finnish, Swedish and English everywhere: every message key in all three
// catalogs with text and the same {placeholders}, and every email template
// rendered and delivered in all three with an HTML and a plain-text part.
import { afterAll, describe, expect, it } from "vitest";
import { emailTemplates, type EmailName } from "~/emails";
import { render, type EmailTemplate } from "~/emails/layout";
import { catalogs, languages } from "~/infra/i18n/i18n";
import { startSmtpSink } from "../support/smtp-sink";

// The outbox worker reads SMTP_URL on first use, which is after this line.
const sink = await startSmtpSink();
process.env.SMTP_URL = sink.url;

afterAll(async () => {
  const { closeMailTransport } = await import("~/infra/mail/transport.server");
  closeMailTransport();
  await sink.close();
});

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

describe("message catalogs", () => {
  const keys = {
    fi: Object.keys(catalogs.fi).sort(),
    sv: Object.keys(catalogs.sv).sort(),
    en: Object.keys(catalogs.en).sort(),
  };

  it("define exactly the same keys in fi, sv and en", () => {
    expect(keys.fi.length).toBeGreaterThan(50);
    expect(keys.sv).toEqual(keys.fi);
    expect(keys.en).toEqual(keys.fi);
  });

  it("give every key a non-empty string in every language", () => {
    const empty: string[] = [];
    for (const language of languages) {
      for (const [key, value] of Object.entries(catalogs[language])) {
        if (typeof value !== "string" || value.trim() === "") empty.push(`${language} ${key}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it("use the same {placeholders} for a key in every language, and no stray braces", () => {
    const mismatched: string[] = [];
    const stray: string[] = [];
    for (const key of keys.fi) {
      const expected = placeholders(catalogs.fi[key as keyof typeof catalogs.fi]);
      for (const language of languages) {
        const value = String(catalogs[language][key as keyof typeof catalogs.fi]);
        const found = placeholders(value);
        if (found.join(",") !== expected.join(",")) mismatched.push(`${language} ${key}: {${found.join("}{")}} vs fi {${expected.join("}{")}}`);
        // Braces appear only as {name}: anything else would be shown to people as is.
        if (/[{}]/.test(value.replace(/\{\w+\}/g, ""))) stray.push(`${language} ${key}: ${value}`);
      }
    }
    expect(mismatched).toEqual([]);
    expect(stray).toEqual([]);
  });
});

/**
 * Fields that choose rather than show (a kind, a yes/no), by template: given
 * as real values. Every other field reads as a value the test can find.
 */
const choices: Partial<Record<EmailName, Record<string, unknown>>> = {
  booking: { kind: "booked", remote: false, calendar: true, minutes: 90 },
  // A gift card's email: the account and the charity belong to other kinds.
  reward: { kind: "giftCard", account: undefined, charity: undefined },
  // The category and channel are chosen from fixed lists and shown by their labels.
  "feedback-urgent": { category: "COMPLAINT", channel: "PHONE" },
  // The monthly summary's figures and lists; the unit, month and link read as sample values.
  "feedback-summary": {
    total: 12,
    customers: 11,
    ledToChange: 2,
    categories: [{ key: "COMPLAINT", count: 7 }, { key: "IDEA", count: 3 }, { key: "THANKS", count: 2 }],
    channels: [{ key: "PHONE", count: 8 }, { key: "WEB", count: 4 }],
    services: [{ label: "Sample service", count: 12 }],
    actions: { total: 9, ACTION: 4, REPLY: 2, CHANGE: 2, STATUS: 1 },
    groups: [{ label: "sample group", items: 3, customers: 3, channels: "Phone, Web form", period: "1.4.2026 – 20.4.2026" }],
    openUrgent: [{ reference: "#1042", waiting: "2 d 4 h" }],
    openUrgentTotal: 1,
  },
};

/** Any data a template asks for: each field reads as a value the test can find in the output. */
function sampleData(name?: EmailName) {
  const asked = new Set<string>();
  const fixed = (name && choices[name]) ?? {};
  const data = new Proxy({} as Record<string, unknown>, {
    get(_target, property) {
      if (typeof property !== "string") return undefined;
      if (property in fixed) return fixed[property];
      asked.add(property);
      return `sample-${property}-7391`;
    },
  });
  return { data, asked };
}

const names = Object.keys(emailTemplates) as EmailName[];

describe("email templates", () => {
  for (const name of names) {
    it(`${name}: renders in fi, sv and en with a subject, an HTML body and a plain-text body`, () => {
      const subjects = new Set<string>();
      for (const language of languages) {
        const { data, asked } = sampleData(name);
        const manageUrl = "https://panel.example/consents/sample-manage-link";
        const email = render(emailTemplates[name] as EmailTemplate<unknown>, language, data, { manageUrl });
        const where = `${name} ${language}`;
        expect(email.subject.trim(), where).not.toBe("");
        expect(email.html, where).toMatch(/^<!doctype html>/i);
        expect(email.html, where).toContain(`<html lang="${language}">`);
        expect(email.text.trim(), where).not.toBe("");
        expect(email.text, where).not.toMatch(/<[a-z][^>]*>/i);
        for (const body of [email.subject, email.html, email.text]) {
          // No placeholder left unfilled, no key shown in place of a missing translation.
          expect(body, where).not.toMatch(/\{\w+\}/);
          expect(body, where).not.toMatch(/\bemail\.[a-zA-Z]+\.[a-zA-Z]+\b/);
        }
        for (const field of asked) {
          const value = `sample-${field}-7391`;
          expect(email.subject + email.html, `${where} html has ${field}`).toContain(value);
          expect(email.subject + email.text, `${where} text has ${field}`).toContain(value);
        }
        expect(email.html, where).toContain(manageUrl);
        expect(email.text, where).toContain(manageUrl);
        subjects.add(email.subject);
      }
      // Each language has its own words, not a copy of another's.
      expect(subjects.size).toBe(3);
    });
  }

  it("all arrive through the outbox in every language as multipart/alternative with an HTML and a text part", async () => {
    const { db } = await import("~/infra/db/panel.server");
    const { enqueueEmail } = await import("~/infra/mail/outbox.server");
    const { deliverDueEmails } = await import("~/infra/mail/worker.server");
    const sent: { to: string; language: string }[] = [];
    await db.$transaction(async (tx) => {
      for (const name of names) {
        for (const language of languages) {
          const to = `${name}.${language}@i18n.example`;
          await enqueueEmail(tx, { template: name, to, language, data: sampleData(name).data as never });
          sent.push({ to, language });
        }
      }
    });
    await deliverDueEmails();
    for (const { to, language } of sent) {
      const messages = sink.messages.filter((m) => m.to.includes(to));
      expect(messages, to).toHaveLength(1);
      const [message] = messages;
      expect(message!.raw, to).toMatch(/Content-Type: multipart\/alternative/i);
      expect(message!.parsed.text?.trim(), to).toBeTruthy();
      expect(message!.parsed.html, to).toContain(`<html lang="${language}">`);
      expect(message!.parsed.subject?.trim(), to).toBeTruthy();
    }
  });
});
