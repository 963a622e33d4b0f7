// Panel health: is the panel still like the population it should reflect, is
// it growing, do members answer, and how many are close to being contacted
// too often. Counts only; the profile is read only with profile-use consent
// (members without it count as "?").
import { Prisma } from "~/generated/panel/client";
import { DEFAULT_INVITATIONS_PER_MONTH } from "~/modules/members/profile-schema";
import { helsinkiDay } from "~/modules/studies/days";
import { contactsJoin, recruitmentSettings } from "./fatigue.server";
import { strataAttributes, type StrataAttribute } from "./filters";
import { segmentReads, segmentSql } from "./segments.server";

export interface CompositionRow {
  /** the attribute's value; "?" when not shared */
  value: string;
  members: number;
  /** of the members who may be invited */
  share: number;
  /** the admin's target share, when set */
  target: number | null;
}

export interface PanelHealth {
  /** members who may be invited at all (active, current terms, mail working, not unsubscribed) */
  members: number;
  composition: { attribute: StrataAttribute; rows: CompositionRow[] }[];
  /** members who joined per month (Helsinki time), the last 12 months, oldest first; those who left are gone */
  growth: { month: string; joined: number }[];
  /** invitations per month they were sent and how many of them were completed */
  responses: { month: string; invited: number; completed: number; rate: number | null }[];
  /** contacts in the last 30 days against the caps: at a cap, or one contact away */
  caps: { atOwnCap: number; nearOwnCap: number; atGlobalCap: number; nearGlobalCap: number };
}

/** "YYYY-MM" of the last 12 months in Helsinki, oldest first. */
function lastMonths(at: Date): string[] {
  const [year, month] = helsinkiDay(at).split("-").map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const index = year * 12 + (month - 1) - (11 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

export async function panelHealth(at = new Date()): Promise<PanelHealth> {
  const settings = await recruitmentSettings();
  const months = lastMonths(at);
  const firstDay = `${months[0]}-01`;
  const segment = segmentSql({}, { at });

  return segmentReads(async (run) => {
    const grouped = await run<{ attribute: string | null; value: string | null; n: number }>(Prisma.sql`
      SELECT CASE
          WHEN grouping(s.age_band) = 0 THEN 'age-band'
          WHEN grouping(s.region) = 0 THEN 'region'
          WHEN grouping(s.language) = 0 THEN 'language'
          WHEN grouping(s.life_situation) = 0 THEN 'life-situation'
        END AS attribute,
        COALESCE(s.age_band, s.region, s.language, s.life_situation) AS value,
        count(*)::int AS n
      FROM (${segment}) s
      GROUP BY GROUPING SETS ((s.age_band), (s.region), (s.language), (s.life_situation), ())`);
    const members = grouped.find((row) => row.attribute === null)?.n ?? 0;
    const composition = strataAttributes.map((attribute) => {
      const counts = new Map(grouped.filter((row) => row.attribute === attribute).map((row) => [row.value ?? "?", row.n]));
      const targets = settings.targetShares[attribute] ?? {};
      const values = [...new Set([...counts.keys(), ...Object.keys(targets)])].sort((a, b) => (a === "?" ? 1 : b === "?" ? -1 : a.localeCompare(b)));
      return {
        attribute,
        rows: values.map((value) => ({
          value,
          members: counts.get(value) ?? 0,
          share: members > 0 ? (counts.get(value) ?? 0) / members : 0,
          target: targets[value] ?? null,
        })),
      };
    });

    const joined = await run<{ month: string; n: number }>(Prisma.sql`
      SELECT to_char(u."createdAt" AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM') AS month, count(*)::int AS n
      FROM "User" u
      WHERE u.kind = 'MEMBER' AND u."createdAt" >= (${firstDay}::timestamp AT TIME ZONE 'Europe/Helsinki')
      GROUP BY 1`);
    const joinedIn = new Map(joined.map((row) => [row.month, row.n]));

    const invited = await run<{ month: string; invited: number; completed: number }>(Prisma.sql`
      SELECT to_char(i."invitedOn", 'YYYY-MM') AS month, count(*)::int AS invited, count(i."completedOn")::int AS completed
      FROM "Invitation" i
      WHERE i."invitedOn" >= ${firstDay}::date
      GROUP BY 1`);
    const invitedIn = new Map(invited.map((row) => [row.month, row]));

    const [caps] = await run<{ at_own: number; near_own: number; at_global: number; near_global: number }>(Prisma.sql`
      SELECT count(*) FILTER (WHERE x.total >= x.cap)::int AS at_own,
             count(*) FILTER (WHERE x.total > 0 AND x.total = x.cap - 1)::int AS near_own,
             count(*) FILTER (WHERE x.total >= ${settings.maxContactsPer30Days}::int)::int AS at_global,
             count(*) FILTER (WHERE x.total > 0 AND x.total = ${settings.maxContactsPer30Days - 1}::int)::int AS near_global
      FROM (
        SELECT COALESCE(fc.total, 0) AS total, COALESCE(p."maxInvitationsPerMonth", ${DEFAULT_INVITATIONS_PER_MONTH}::int) AS cap
        FROM (${segment}) s
        JOIN "User" u ON u.id = s."userId"
        LEFT JOIN "MemberPreferences" p ON p."userId" = u.id
        ${contactsJoin({ at })}
      ) x`);

    return {
      members,
      composition,
      growth: months.map((month) => ({ month, joined: joinedIn.get(month) ?? 0 })),
      responses: months.map((month) => {
        const row = invitedIn.get(month);
        const count = row?.invited ?? 0;
        return { month, invited: count, completed: row?.completed ?? 0, rate: count > 0 ? (row?.completed ?? 0) / count : null };
      }),
      caps: {
        atOwnCap: caps?.at_own ?? 0,
        nearOwnCap: caps?.near_own ?? 0,
        atGlobalCap: caps?.at_global ?? 0,
        nearGlobalCap: caps?.near_global ?? 0,
      },
    };
  });
}
