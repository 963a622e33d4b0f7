// Every email Panel sends, by the name the outbox records.
import { signInCodeEmail } from "./sign-in-code";

export const emailTemplates = {
  "sign-in-code": signInCodeEmail,
};

export type EmailName = keyof typeof emailTemplates;
export type EmailData<Name extends EmailName> = Parameters<(typeof emailTemplates)[Name]>[1];
