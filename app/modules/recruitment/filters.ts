// What a segment is made of: filters over the profile, the kinds of study a
// member accepts, membership age, participation history, the yearly reward
// cap and exclusions.
// Shared by the server (SQL) and the segment builder (form; no server imports
// here, the page bundles it). Researchers see counts only, never who matches.
import { z } from "zod";
import { studyTypeChoices } from "~/modules/studies/study-form";

export const ageBands = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"] as const;
export type AgeBand = (typeof ageBands)[number];

/** Attributes a sample may be stratified by (one or two of them). */
export const strataAttributes = ["age-band", "region", "language", "life-situation"] as const;
export type StrataAttribute = (typeof strataAttributes)[number];

const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(200).optional();

export const segmentFiltersSchema = z
  .object({
    /** profile (used only for members whose latest profile-use consent is given) */
    ageBands: list(z.enum(ageBands)),
    regions: list(z.string().max(20)),
    languages: list(z.enum(["fi", "sv", "en"])),
    lifeSituations: list(z.string().max(40)),
    employerSizes: list(z.string().max(40)),
    employerIndustries: list(z.string().max(60)),
    actsForEmployer: z.boolean().optional(),
    /** kinds of study the member accepts (all of them) */
    acceptsTypes: list(z.enum(studyTypeChoices)),
    /** member for at least this many months */
    memberForMonths: z.number().int().min(0).max(600).optional(),
    /** participation history: invited in the last N months ("exclude" or "only") */
    invitedWithin: z.object({ months: z.number().int().min(1).max(60), mode: z.enum(["exclude", "only"]) }).optional(),
    /** participation history: completed a study in the last N months */
    tookPartWithin: z.object({ months: z.number().int().min(1).max(60), mode: z.enum(["exclude", "only"]) }).optional(),
    /** participation history: booked a slot and did not come, in the last N months */
    noShowWithin: z.object({ months: z.number().int().min(1).max(60), mode: z.enum(["exclude", "only"]) }).optional(),
    /** members whose rewards this year have reached the yearly cap (incentives): left out, or only they */
    atRewardCap: z.enum(["exclude", "only"]).optional(),
    /** exclusion list: members invited to any of these studies */
    excludeStudies: list(z.string().uuid()),
  })
  .strict();

export type SegmentFilters = z.infer<typeof segmentFiltersSchema>;

/** A sample to draw: simple random, or stratified by one or two attributes. */
export const sampleSpecSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("simple"),
    /** completes wanted */
    wanted: z.number().int().min(1).max(100_000),
    /** invitations = ceil(wanted × oversample) */
    oversample: z.number().min(1).max(20),
  }),
  z.object({
    mode: z.literal("stratified"),
    by: z.array(z.enum(strataAttributes)).min(1).max(2),
    wanted: z.number().int().min(1).max(100_000),
    oversample: z.number().min(1).max(20),
    /** target share per stratum key (sum 1); strata missing get none. Or: */
    shares: z.record(z.string(), z.number().min(0).max(1)).optional(),
    /** completes wanted per stratum key (quota); overrides shares */
    quotas: z.record(z.string(), z.number().int().min(0).max(100_000)).optional(),
  }),
]);

export type SampleSpec = z.infer<typeof sampleSpecSchema>;

/**
 * A stratum's key: the member's values of the `by` attributes joined with
 * "|", e.g. "MK01" or "25-34|fi"; "?" for a value the member has not shared
 * (or has not consented to use). "" in a simple sample.
 */
export type StratumKey = string;

/** Why a member may not be contacted now (recorded on a blocked recipient or message). */
export const blockReasons = [
  "inactive", // account not active, or the member has left
  "terms", // current membership terms not accepted, or withdrawn
  "type-not-wanted", // the member does not want this kind of study
  "paused", // the member paused invitations
  "own-cap", // the member's own monthly cap reached
  "global-cap", // the panel's (or the study type's) contacts per 30 days reached
  "cooldown", // took part in a study too recently
  "suppressed", // the address is suppressed (hard bounce, left)
  "email-failing", // mail to the address has failed permanently
  "already-invited", // invited to this study already
  "unsubscribed", // unsubscribed from invitations
  "stratum-full", // the stratum's quota filled before sending
] as const;
export type BlockReason = (typeof blockReasons)[number];
