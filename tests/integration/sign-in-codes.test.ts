// Members sign in with an 8-digit code from an email: the real server, the
// real outbox worker delivering to a real SMTP server, and the panel store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { sha256Hex } from "~/infra/security/hash.server";
import { startAppServer, type AppServer } from "../support/app-server";
import {
  awayFromWindowEdge,
  codeIn,
  comparable,
  createMember,
  freshIp,
  getPage,
  messagesTo,
  nextMessageTo,
  postForm,
  setCookie,
} from "../support/helpers-auth";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

let server: AppServer;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  // TRUST_PROXY lets each test speak from its own client address (X-Forwarded-For).
  server = await startAppServer({ SMTP_URL: sink.url, TRUST_PROXY: "true" });
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

const CODE_INVALID_FI = "Koodi on väärä tai vanhentunut";
const THROTTLED_FI = "Liian monta yritystä";

async function requestCode(email: string, ip = freshIp()) {
  const response = await postForm(server.url, "/sign-in", { email }, { ip });
  return { response, pending: setCookie(response, "panel_pending")?.pair };
}

function submitCode(pending: string | undefined, code: string, ip = freshIp()) {
  return postForm(server.url, "/sign-in/code", { code }, { cookie: pending, ip });
}

/** Asks for a code for a member and reads it from the email that arrives. */
async function codeFor(email: string) {
  const seen = messagesTo(sink, email).length;
  const { response, pending } = await requestCode(email);
  expect(response.status).toBe(302);
  const message = await nextMessageTo(sink, email, seen);
  return { code: codeIn(message), pending: pending!, message };
}

const latestCodeRow = () => db.signInCode.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
const wrong = (code: string) => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;

describe("member sign-in codes", () => {
  it("emails an 8-digit code that signs the member in", async () => {
    const member = await createMember("aino@codes.example");
    const { response, pending } = await requestCode(member.email);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/sign-in/code?redirectTo=%2Faccount");
    expect(pending).toBeDefined();

    const message = await nextMessageTo(sink, member.email, 0);
    const code = codeIn(message);
    expect(code).toMatch(/^\d{8}$/);
    expect(message.parsed.html).toContain(code);

    const signedIn = await submitCode(pending, code);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("Location")).toBe("/account");
    const session = setCookie(signedIn, "panel_session");
    expect(session).toBeDefined();
    const account = await getPage(server.url, "/account", { cookie: session!.pair });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain(member.email);
  });

  it("stores only keyed hashes of the code and the address, valid for 10 minutes", async () => {
    const member = await createMember("hash.check@codes.example");
    const { code } = await codeFor(member.email);
    const row = await latestCodeRow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(code);
    expect(stored).not.toContain("hash.check");
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    // Keyed: a plain SHA-256 of 10^8 possible codes would be reversible from the table alone.
    expect(row.codeHash).not.toBe(sha256Hex(code));
    expect(row.emailHash).not.toBe(sha256Hex(member.email));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(9.9 * 60_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(10 * 60_000 + 1000);
  });

  it("keeps no copy of the plain code in any table of the panel store once the email is delivered", async () => {
    const member = await createMember("no.copies@codes.example");
    const { code } = await codeFor(member.email);
    // The worker marks the row after the SMTP server accepted it.
    for (let i = 0; i < 100; i++) {
      const pendingRows = await db.outboxEmail.count({ where: { toAddress: member.email, status: { not: "SENT" } } });
      if (pendingRows === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const tables = await db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    const holding: string[] = [];
    for (const { table_name: table } of tables) {
      const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM "${table}" t WHERE row_to_json(t)::text LIKE $1`,
        `%${code}%`,
      );
      if (Number(rows[0]!.n) > 0) holding.push(table);
    }
    expect(holding).toEqual([]);
  });

  it("accepts a code once only", async () => {
    const member = await createMember("once@codes.example");
    const { code, pending } = await codeFor(member.email);
    expect((await submitCode(pending, code)).status).toBe(302);
    // The pending-address cookie is still valid; the code is not.
    const again = await submitCode(pending, code);
    expect(again.status).toBe(400);
    expect(setCookie(again, "panel_session")).toBeUndefined();
    expect(await again.text()).toContain(CODE_INVALID_FI);
  });

  it("lets only one of two simultaneous requests with the same code sign in", async () => {
    const member = await createMember("race@codes.example");
    const { code, pending } = await codeFor(member.email);
    const answers = await Promise.all([submitCode(pending, code), submitCode(pending, code), submitCode(pending, code)]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400, 400]);
    expect(await db.session.count({ where: { userId: member.id } })).toBe(1);
  });

  it("replaces an earlier code when a new one is asked for", async () => {
    const member = await createMember("replace@codes.example");
    const first = await codeFor(member.email);
    const second = await codeFor(member.email);
    expect((await submitCode(second.pending, first.code)).status).toBe(400);
    expect((await submitCode(second.pending, second.code)).status).toBe(302);
  });

  it("still accepts the right code after four wrong ones", async () => {
    const member = await createMember("four.wrong@codes.example");
    const { code, pending } = await codeFor(member.email);
    for (let i = 0; i < 4; i++) expect((await submitCode(pending, wrong(code))).status).toBe(400);
    expect((await submitCode(pending, code)).status).toBe(302);
  });

  it("locks the code after five wrong ones: the right code is then refused too", async () => {
    const member = await createMember("five.wrong@codes.example");
    const { code, pending } = await codeFor(member.email);
    for (let i = 0; i < 5; i++) {
      const answer = await submitCode(pending, wrong(code));
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain(CODE_INVALID_FI);
    }
    expect((await latestCodeRow()).attempts).toBe(5);
    const right = await submitCode(pending, code);
    expect(right.status).toBe(400);
    expect(setCookie(right, "panel_session")).toBeUndefined();
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
  });

  it("refuses a code older than 10 minutes (and accepts one a little younger)", async () => {
    const member = await createMember("expiry@codes.example");
    const shiftLatest = async (seconds: number) => {
      const row = await latestCodeRow();
      await db.$executeRaw`UPDATE "SignInCode" SET "createdAt" = "createdAt" - make_interval(secs => ${seconds}),
        "expiresAt" = "expiresAt" - make_interval(secs => ${seconds}) WHERE id = ${row.id}::uuid`;
    };
    const young = await codeFor(member.email);
    await shiftLatest(9 * 60 + 30);
    expect((await submitCode(young.pending, young.code)).status).toBe(302);

    const old = await codeFor(member.email);
    await shiftLatest(10 * 60 + 1);
    const answer = await submitCode(old.pending, old.code);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain(CODE_INVALID_FI);
  });

  it("answers an unknown address exactly as a member's, and sends it nothing", async () => {
    const member = await createMember("known@codes.example");
    const unknown = "unkno@codes.example";
    const rowsBefore = await db.signInCode.count();
    const forMember = await requestCode(member.email);
    const forUnknown = await requestCode(unknown);
    expect(forUnknown.response.status).toBe(forMember.response.status);
    expect(forUnknown.response.headers.get("Location")).toBe(forMember.response.headers.get("Location"));
    expect(forUnknown.pending).toBeDefined();

    const pageFor = async (pending: string, email: string) => {
      const page = await getPage(server.url, "/sign-in/code", { cookie: pending });
      expect(page.status).toBe(200);
      return comparable(await page.text(), [email]);
    };
    expect(await pageFor(forUnknown.pending!, unknown)).toBe(await pageFor(forMember.pending!, member.email));

    const wrongFor = async (pending: string, email: string) => {
      const answer = await submitCode(pending, "12345678");
      return { status: answer.status, html: comparable(await answer.text(), [email]) };
    };
    expect(await wrongFor(forUnknown.pending!, unknown)).toEqual(await wrongFor(forMember.pending!, member.email));

    // The member's email arriving shows the worker has run past both requests.
    await nextMessageTo(sink, member.email, 0);
    expect(await db.outboxEmail.count({ where: { toAddress: unknown } })).toBe(0);
    expect(messagesTo(sink, unknown)).toHaveLength(0);
    expect(await db.signInCode.count()).toBe(rowsBefore + 1);
  });

  it("refuses the sixth code request for one address in 15 minutes, member or not, from any client address", async () => {
    await awayFromWindowEdge(15 * 60);
    const member = await createMember("throttle@codes.example");
    for (const email of [member.email, "throttle.unknown@codes.example"]) {
      for (let i = 0; i < 5; i++) expect((await requestCode(email)).response.status).toBe(302);
      const sixth = await requestCode(email);
      expect(sixth.response.status).toBe(429);
      expect(await sixth.response.text()).toContain(THROTTLED_FI);
    }
    await nextMessageTo(sink, member.email, 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(messagesTo(sink, member.email)).toHaveLength(5);
    expect(await db.outboxEmail.count({ where: { toAddress: member.email } })).toBe(5);
  });

  it("refuses the 31st code request from one client address in 15 minutes, whatever the address asked for", async () => {
    await awayFromWindowEdge(15 * 60);
    const ip = freshIp();
    for (let i = 0; i < 30; i++) {
      expect((await requestCode(`ip-throttle-${i}@codes.example`, ip)).response.status).toBe(302);
    }
    expect((await requestCode("ip-throttle-last@codes.example", ip)).response.status).toBe(429);
    // Another client asking for the same address is not held back.
    expect((await requestCode("ip-throttle-last@codes.example", freshIp())).response.status).toBe(302);
  });

  it("refuses the eleventh code check for one address in 15 minutes", async () => {
    await awayFromWindowEdge(15 * 60);
    const member = await createMember("check.throttle@codes.example");
    const { code, pending } = await codeFor(member.email);
    for (let i = 0; i < 10; i++) expect((await submitCode(pending, wrong(code))).status).toBe(400);
    const eleventh = await submitCode(pending, wrong(code));
    expect(eleventh.status).toBe(429);
    expect(await eleventh.text()).toContain(THROTTLED_FI);
  });

  it("refuses the 51st code check from one client address in 15 minutes", async () => {
    await awayFromWindowEdge(15 * 60);
    // Seven addresses, so the per-address limit (10) is never what refuses.
    const pendings: string[] = [];
    for (let i = 0; i < 7; i++) pendings.push((await requestCode(`check-ip-${i}@codes.example`)).pending!);
    const ip = freshIp();
    for (let i = 0; i < 50; i++) expect((await submitCode(pendings[i % 7], "12345678", ip)).status).toBe(400);
    expect((await submitCode(pendings[6], "12345678", ip)).status).toBe(429);
    expect((await submitCode(pendings[6], "12345678", freshIp())).status).toBe(400);
  });
});
