// Structured one-line logs. Callers pass only what is safe to keep: never a
// token, a code, a body or a member id next to anything from the vault.
type Fields = Record<string, string | number | boolean | null | undefined>;

function write(level: string, message: string, fields?: Fields) {
  const line = JSON.stringify({ level, msg: message, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
