// The consents Panel asks for. Per-study consents ("study:<id>") come with studies.
export const MEMBERSHIP_TERMS = "membership-terms";
export const PROFILE_USE = "profile-use";
export const basePurposes = [MEMBERSHIP_TERMS, PROFILE_USE] as const;
export type BasePurpose = (typeof basePurposes)[number];

export function isBasePurpose(value: unknown): value is BasePurpose {
  return typeof value === "string" && (basePurposes as readonly string[]).includes(value);
}
