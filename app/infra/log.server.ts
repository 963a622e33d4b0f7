// Structured one-line logs. Callers pass only what is safe to keep: never a
// token, a code, a body or a member id next to anything from the vault.
type Fields = Record<string, string | number | boolean | null | undefined>;

const levels = ["debug", "info", "warn", "error"] as const;
type Level = (typeof levels)[number];

function enabled(level: Level) {
  const configured = (process.env.LOG_LEVEL ?? "info") as Level;
  return levels.indexOf(level) >= Math.max(0, levels.indexOf(configured));
}

function write(level: Level, message: string, fields?: Fields) {
  if (!enabled(level)) return;
  const line = JSON.stringify({ level, msg: message, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (message: string, fields?: Fields) => write("debug", message, fields),
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
