import { describe, expect, it } from "vitest";
import { agglomerate, cleanStems, decideGroup, documentFrequency, equivalentWords, groupSimilarities, groupTerms, itemFeatures, makeIdf, OTHER_SERVICE_FACTOR, pairSimilarities, serviceFactor, stemGrams, withEquivalents } from "./similarity";

describe("feedback similarity helpers", () => {
  it("keeps useful stems only, once each", () => {
    expect(cleanStems(["Asumistuk", "2024", "fi", "asumistuk", "käsittely", "•••"])).toEqual(["asumistuk", "käsittely"]);
  });

  it("gives inflections and compounds shared character grams", () => {
    const compound = new Set(stemGrams(["asumistukihakemus"]));
    const parts = stemGrams(["asumistuk", "hakemuks"]);
    const shared = parts.filter((g) => compound.has(g));
    expect(shared.length).toBeGreaterThan(parts.length / 2);
    expect(stemGrams(["kesä"])).toEqual([" kes", "esä ", "kesä"]);
  });

  it("weighs rare features more than common ones", () => {
    const idf = makeIdf(documentFrequency([["a", "b"], ["a", "c"], ["a"]]), 3);
    expect(idf("b")).toBeGreaterThan(idf("a"));
    expect(idf("unseen")).toBeGreaterThan(idf("b"));
    expect(idf("a")).toBeGreaterThan(0);
  });

  it("finds the group sharing rare words, not the one sharing a word every item has", () => {
    const docs = {
      queue: stemGrams(["puhelinjono", "pitk", "asiakas"]),
      fee: stemGrams(["varhaiskasvatusmaksu", "väär", "asiakas"]),
      other: stemGrams(["kirjasto", "kylm", "asiakas"]),
    };
    const pool = [
      { groupId: "queue", features: docs.queue },
      { groupId: "fee", features: docs.fee },
      { groupId: "other", features: docs.other },
    ];
    const mine = stemGrams(["puhelinjonot", "pitkät", "asiakas"]);
    const idf = makeIdf(documentFrequency([...pool.map((p) => p.features), mine]), 4);
    const scores = groupSimilarities(mine, pool, idf);
    expect(decideGroup(scores).join).toBe("queue");
    const unrelated = stemGrams(["uimahal", "suihku", "asiakas"]);
    expect(decideGroup(groupSimilarities(unrelated, pool, idf)).join).toBeNull();
  });

  it("joins the best group past either threshold and merges others well past it", () => {
    const t = { profile: 0.2, link: 0.4 };
    const decision = decideGroup(new Map([["a", { profile: 0.5, link: 0.3 }], ["b", { profile: 0.3, link: 0.2 }], ["c", { profile: 0.1, link: 0.1 }]]), t, 1.4);
    expect(decision).toEqual({ join: "a", score: 2.5, merge: ["b"] });
    // a close single item is enough even when the group as a whole is not
    expect(decideGroup(new Map([["a", { profile: 0.1, link: 0.5 }]]), t, 1.4).join).toBe("a");
    expect(decideGroup(new Map([["a", { profile: 0.1, link: 0.2 }]]), t, 1.4)).toEqual({ join: null, score: 0.5, merge: [] });
    expect(decideGroup(new Map())).toEqual({ join: null, score: 0, merge: [] });
  });

  it("adds one canonical word for things customers name differently", () => {
    expect(equivalentWords("Tunnistautuminen epäonnistuu", "fi")).toContain("kirjautuminen");
    expect(equivalentWords("En pääse kirjautumaan", "fi")).toContain("kirjautuminen");
    expect(equivalentWords("appi kaatuu", "fi")).toEqual(expect.arrayContaining(["sovellus", "rikki"]));
    expect(equivalentWords("Jag kan inte logga in", "sv")).toContain("inloggning");
    expect(equivalentWords("I can't sign in", "en")).toEqual(["login"]);
    expect(equivalentWords("Login fails", "en")).toContain("login");
    // inside a word it does not count ("happy" is no app)
    expect(equivalentWords("a happy customer", "en")).toEqual([]);
    expect(withEquivalents("Kiitos", "fi")).toBe("Kiitos");
  });

  it("counts whole shared stems on top of their grams", () => {
    expect(itemFeatures(["kesä"])).toEqual([" kes", "=kesä", "esä ", "kesä"]);
  });

  it("scores a thanks lower against a group of complaints than the same words from a complaint", () => {
    const pool = [{ groupId: "fault", features: stemGrams(["katuvalo", "pime"]), thanks: false }];
    const mine = stemGrams(["katuvalo", "korja"]);
    const idf = makeIdf(documentFrequency([pool[0]!.features, mine]), 2, 60);
    const asComplaint = groupSimilarities(mine, pool, idf, false).get("fault")!;
    const asThanks = groupSimilarities(mine, pool, idf, true).get("fault")!;
    expect(asThanks.profile).toBeCloseTo(asComplaint.profile / 2);
  });

  it("names a group by stems shared by its items, rare ones first", () => {
    const idf = makeIdf(documentFrequency([["jono", "pitk"], ["jono", "tunt"], ["pitk", "kirjasto"]]), 3);
    expect(groupTerms([["jono", "pitk", "asia"], ["jono", "pitk", "tunt"]], idf, 2)).toEqual(["jono", "pitk"]);
  });

  it("scores items naming different services much lower, an empty service neutral", () => {
    expect(serviceFactor("a", "b")).toBe(OTHER_SERVICE_FACTOR);
    expect(serviceFactor("a", "a")).toBeGreaterThan(1);
    expect(serviceFactor(null, "a")).toBe(1);
    expect(serviceFactor("a", undefined)).toBe(1);
    const features = itemFeatures(["puhelinjono", "pitk"]);
    const idf = makeIdf(documentFrequency([features]), 1, 60);
    const pool = [{ groupId: "g", features, serviceId: "customer-service" }];
    const same = groupSimilarities(features, pool, idf, false, "customer-service").get("g")!;
    const other = groupSimilarities(features, pool, idf, false, "libraries").get("g")!;
    const none = groupSimilarities(features, pool, idf, false, null).get("g")!;
    expect(other.link).toBeCloseTo(none.link * OTHER_SERVICE_FACTOR, 6);
    expect(other.profile).toBeCloseTo(none.profile * OTHER_SERVICE_FACTOR, 6);
    expect(same.link).toBeGreaterThan(none.link);
  });

  it("clusters by average linkage, the same clusters in any input order", () => {
    const texts = [
      ["puhelinjono", "pitk", "tunt"],
      ["puhelinjono", "pitk", "odot"],
      ["puhelinjono", "tunt", "odot"],
      ["katuvalo", "pime", "tie"],
      ["katuvalo", "pime", "rikki"],
      ["uimahall", "kylm", "suihku"],
    ];
    const items = texts.map((stems) => ({ features: itemFeatures(stems), thanks: false, serviceId: null }));
    const idf = makeIdf(documentFrequency(items.map((i) => i.features)), items.length, 60);
    const labels = agglomerate(pairSimilarities(items, idf));
    expect(labels).toEqual([0, 0, 0, 1, 1, 2]);
    const reversed = agglomerate(pairSimilarities([...items].reverse(), idf)).reverse();
    const partition = (l: number[]) => l.map((x) => l.map((y) => x === y));
    expect(partition(reversed)).toEqual(partition(labels));
    // different services scale a pair's similarity down, and can keep a pair apart
    const plain = pairSimilarities([items[0]!, items[2]!], idf)[0]![1]!;
    const services = pairSimilarities([{ ...items[0]!, serviceId: "customer-service" }, { ...items[2]!, serviceId: "libraries" }], idf)[0]![1]!;
    expect(services).toBeCloseTo(plain * OTHER_SERVICE_FACTOR, 5);
    expect(agglomerate([new Float32Array([0, plain]), new Float32Array([plain, 0])], plain * 0.9)).toEqual([0, 0]);
    expect(agglomerate([new Float32Array([0, services]), new Float32Array([services, 0])], plain * 0.9)).toEqual([0, 1]);
  });
});
