/**
 * One area's messages in all three languages side by side. Swedish and
 * English must have exactly the Finnish keys: a missing or extra key fails
 * the typecheck.
 */
export function defineArea<const F extends Record<string, string>>(messages: {
  fi: F;
  sv: { [K in keyof F]: string };
  en: { [K in keyof F]: string };
}) {
  return messages;
}
