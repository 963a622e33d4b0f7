import { useMemo } from "react";
import { useLanguage } from "~/components/use-translate";
import { numberFormats } from "../format";

/** Number formats in the reader's language. */
export function useFormats() {
  const language = useLanguage();
  return useMemo(() => numberFormats(language), [language]);
}
