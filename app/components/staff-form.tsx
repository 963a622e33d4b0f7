// Richer staff forms: react-hook-form checks the shared zod schema in the
// browser before submitting; the form is still a plain Remix <Form>, so it
// posts and the server validates with the same schema without JavaScript.
import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useForm, type FieldValues } from "react-hook-form";
import type { z } from "zod";
import { isMessageKey, type MessageKey } from "~/infra/i18n/i18n";
import type { FormState } from "./form";

export function useStaffForm<Values extends FieldValues>(schema: z.ZodType, server: FormState | undefined) {
  const form = useForm<Values>({
    // The schema's output type differs from the raw input; the server parses again.
    resolver: zodResolver(schema as never) as never,
    mode: "onTouched",
    defaultValues: (server?.values ?? {}) as never,
  });
  const submit = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    event.preventDefault();
    void form.handleSubmit(
      () => submit(element, { method: "post" }),
      () => element.querySelector<HTMLElement>("[aria-invalid='true']")?.focus(),
    )(event);
  };
  /** The browser's error for a field, else the server's, as a message key. */
  const errorOf = (name: string): MessageKey | undefined => {
    const error = form.formState.errors[name];
    if (error) return isMessageKey(error.message) ? error.message : "form.required";
    return server?.errors?.[name];
  };
  const state: FormState = {
    values: server?.values,
    errors: Object.fromEntries(
      [...new Set([...Object.keys(form.formState.errors), ...Object.keys(server?.errors ?? {})])].map((name) => [name, errorOf(name)!]),
    ),
  };
  return { form, onSubmit, state };
}
