import { describe, expect, it } from "vitest";
import { cleanStems, decideGroup, documentFrequency, groupSimilarities, groupTerms, makeIdf, stemGrams } from "./similarity";

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

  it("joins the best group above the threshold and merges others as close", () => {
    expect(decideGroup(new Map([["a", 0.5], ["b", 0.25], ["c", 0.1]]))).toEqual({ join: "a", score: 0.5, merge: ["b"] });
    expect(decideGroup(new Map([["a", 0.1]]))).toEqual({ join: null, score: 0.1, merge: [] });
    expect(decideGroup(new Map())).toEqual({ join: null, score: 0, merge: [] });
  });

  it("names a group by stems shared by its items, rare ones first", () => {
    const idf = makeIdf(documentFrequency([["jono", "pitk"], ["jono", "tunt"], ["pitk", "kirjasto"]]), 3);
    expect(groupTerms([["jono", "pitk", "asia"], ["jono", "pitk", "tunt"]], idf, 2)).toEqual(["jono", "pitk"]);
  });
});
