// The environment, parsed once with zod. A missing or malformed variable stops
// the server at start with a message that names it.
import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0", "on", "off"])
  .transform((v) => v === "true" || v === "1" || v === "on");

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, "must be a postgresql:// connection URL");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address people use to reach Panel; decides secure cookies and HSTS. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: postgresUrl.optional(),
  VAULT_DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, "must be an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().min(3).default("Panel <panel@localhost>"),
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(20),
  /** How long a worker holds a campaign message it is sending; after that another worker may send it again. */
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  DEV_INBOX_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  DEV_INBOX_WEB_PORT: z.coerce.number().int().min(1).max(65535).default(1080),
  /** Key for keyed hashes (sign-in codes, suppression list). 32+ characters. */
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** default: on, except with NODE_ENV=production (never seed known passwords by accident) */
  DEMO_DATA: booleanish.optional(),
  TRUST_PROXY: booleanish.default(false),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof envSchema> & {
  PUBLIC_URL: string;
  DATABASE_URL: string;
  VAULT_DATABASE_URL: string;
  APP_SECRET: string;
  SMTP_URL: string;
};

export class EnvError extends Error {}

/** Parses an environment; throws EnvError naming every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): z.infer<typeof envSchema> {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (Boolean(env.DATABASE_URL) !== Boolean(env.VAULT_DATABASE_URL)) {
    throw new EnvError(
      "Invalid environment:\n  DATABASE_URL and VAULT_DATABASE_URL must be set together (or neither, for the embedded server)",
    );
  }
  return env;
}

let cached: Env | undefined;

/** The running server's environment; server/main.ts completes it before the app loads. */
export function env(): Env {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  const missing = (["DATABASE_URL", "VAULT_DATABASE_URL", "APP_SECRET", "SMTP_URL"] as const).filter(
    (key) => !parsed[key],
  );
  if (missing.length > 0) {
    throw new EnvError(`Invalid environment:\n${missing.map((m) => `  ${m}: required`).join("\n")}`);
  }
  cached = {
    ...parsed,
    DEMO_DATA: parsed.DEMO_DATA ?? parsed.NODE_ENV !== "production",
    PUBLIC_URL: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, ""),
  } as Env;
  return cached;
}

/** True when people reach Panel over https: secure cookies, `__Host-` prefix, HSTS. */
export function isHttps(): boolean {
  return env().PUBLIC_URL.startsWith("https://");
}
