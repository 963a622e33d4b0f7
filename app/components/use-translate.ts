import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { defaultLanguage, translator, type Language } from "~/infra/i18n/i18n";

export interface RootData {
  language: Language;
  user: { email: string; name: string | null; kind: "MEMBER" | "STAFF"; roles: string[] } | null;
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}

export function useLanguage(): Language {
  return useRootData()?.language ?? defaultLanguage;
}

export function useT() {
  const language = useLanguage();
  return useMemo(() => translator(language), [language]);
}
