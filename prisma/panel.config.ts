// Prisma CLI settings for the panel store. The CLI is used only to generate the
// client and to author migrations (`npm run db:migration`); migrations are
// applied by app/infra/db/migrate.server.ts. See docs/decisions/0002.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The schema reads its url from the environment; generate and diff need only a
// syntactically valid one.
process.env.DATABASE_URL ??= "postgresql://localhost/panel";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "panel/schema.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
