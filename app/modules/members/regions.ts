// The 19 regions (maakunnat) of Finland and the municipalities in each, as in
// Statistics Finland's classification for 2025 (309 municipalities, 16 of them
// in Åland). Shared by server and browser: the profile form lists them, the
// server checks a choice against them and derives the region.
import type { Language } from "~/infra/i18n/i18n";

/** Statistics Finland's region codes (MK03 and MK20 are no longer in use). */
export const regionCodes = [
  "MK01", "MK02", "MK04", "MK05", "MK06", "MK07", "MK08", "MK09", "MK10", "MK11",
  "MK12", "MK13", "MK14", "MK15", "MK16", "MK17", "MK18", "MK19", "MK21",
] as const;
export type RegionCode = (typeof regionCodes)[number];

export interface Region {
  code: RegionCode;
  fi: string;
  sv: string;
  en: string;
}

export interface Municipality {
  /** the Finnish (or, for Swedish-speaking ones, official) name; stored in profiles */
  name: string;
  /** Swedish name: official for bilingual and Swedish-speaking municipalities, established for some others */
  sv?: string;
  region: RegionCode;
}

/** [Finnish name, Swedish name where it differs] */
type Entry = readonly [string, string?];

const data: readonly (Region & { municipalities: readonly Entry[] })[] = [
  {
    code: "MK01", fi: "Uusimaa", sv: "Nyland", en: "Uusimaa",
    municipalities: [
      ["Askola"], ["Espoo", "Esbo"], ["Hanko", "Hangö"], ["Helsinki", "Helsingfors"], ["Hyvinkää", "Hyvinge"],
      ["Inkoo", "Ingå"], ["Järvenpää", "Träskända"], ["Karkkila", "Högfors"], ["Kauniainen", "Grankulla"],
      ["Kerava", "Kervo"], ["Kirkkonummi", "Kyrkslätt"], ["Lapinjärvi", "Lappträsk"], ["Lohja", "Lojo"],
      ["Loviisa", "Lovisa"], ["Myrskylä", "Mörskom"], ["Mäntsälä"], ["Nurmijärvi"], ["Pornainen", "Borgnäs"],
      ["Porvoo", "Borgå"], ["Pukkila"], ["Raasepori", "Raseborg"], ["Sipoo", "Sibbo"], ["Siuntio", "Sjundeå"],
      ["Tuusula", "Tusby"], ["Vantaa", "Vanda"], ["Vihti", "Vichtis"],
    ],
  },
  {
    code: "MK02", fi: "Varsinais-Suomi", sv: "Egentliga Finland", en: "Southwest Finland",
    municipalities: [
      ["Aura"], ["Kaarina", "S:t Karins"], ["Kemiönsaari", "Kimitoön"], ["Koski Tl", "Koskis"], ["Kustavi", "Gustavs"],
      ["Laitila", "Letala"], ["Lieto", "Lundo"], ["Loimaa"], ["Marttila", "S:t Mårtens"], ["Masku", "Masko"],
      ["Mynämäki", "Virmo"], ["Naantali", "Nådendal"], ["Nousiainen", "Nousis"], ["Oripää"], ["Paimio", "Pemar"],
      ["Parainen", "Pargas"], ["Pyhäranta"], ["Pöytyä"], ["Raisio", "Reso"], ["Rusko"], ["Salo"], ["Sauvo", "Sagu"],
      ["Somero"], ["Taivassalo", "Tövsala"], ["Turku", "Åbo"], ["Uusikaupunki", "Nystad"], ["Vehmaa", "Vemo"],
    ],
  },
  {
    code: "MK04", fi: "Satakunta", sv: "Satakunta", en: "Satakunta",
    municipalities: [
      ["Eura"], ["Eurajoki", "Euraåminne"], ["Harjavalta"], ["Huittinen", "Vittis"], ["Jämijärvi"], ["Kankaanpää"],
      ["Karvia"], ["Kokemäki", "Kumo"], ["Merikarvia", "Sastmola"], ["Nakkila"], ["Pomarkku", "Påmark"],
      ["Pori", "Björneborg"], ["Rauma", "Raumo"], ["Siikainen"], ["Säkylä"], ["Ulvila", "Ulvsby"],
    ],
  },
  {
    code: "MK05", fi: "Kanta-Häme", sv: "Egentliga Tavastland", en: "Tavastia Proper",
    municipalities: [
      ["Forssa"], ["Hattula"], ["Hausjärvi"], ["Humppila"], ["Hämeenlinna", "Tavastehus"], ["Janakkala"],
      ["Jokioinen", "Jockis"], ["Loppi", "Loppis"], ["Riihimäki"], ["Tammela"], ["Ypäjä"],
    ],
  },
  {
    code: "MK06", fi: "Pirkanmaa", sv: "Birkaland", en: "Pirkanmaa",
    municipalities: [
      ["Akaa"], ["Hämeenkyrö", "Tavastkyro"], ["Ikaalinen", "Ikalis"], ["Juupajoki"], ["Kangasala"], ["Kihniö"],
      ["Kuhmoinen"], ["Lempäälä", "Lembois"], ["Mänttä-Vilppula"], ["Nokia"], ["Orivesi"], ["Parkano"],
      ["Pirkkala", "Birkala"], ["Punkalaidun"], ["Pälkäne"], ["Ruovesi"], ["Sastamala"], ["Tampere", "Tammerfors"],
      ["Urjala"], ["Valkeakoski"], ["Vesilahti", "Vesilax"], ["Virrat", "Virdois"], ["Ylöjärvi"],
    ],
  },
  {
    code: "MK07", fi: "Päijät-Häme", sv: "Päijänne-Tavastland", en: "Päijät-Häme",
    municipalities: [
      ["Asikkala"], ["Hartola", "Gustav Adolfs"], ["Heinola"], ["Hollola"], ["Iitti", "Itis"], ["Kärkölä"],
      ["Lahti", "Lahtis"], ["Orimattila"], ["Padasjoki"], ["Sysmä"],
    ],
  },
  {
    code: "MK08", fi: "Kymenlaakso", sv: "Kymmenedalen", en: "Kymenlaakso",
    municipalities: [["Hamina", "Fredrikshamn"], ["Kotka"], ["Kouvola"], ["Miehikkälä"], ["Pyhtää", "Pyttis"], ["Virolahti", "Vederlax"]],
  },
  {
    code: "MK09", fi: "Etelä-Karjala", sv: "Södra Karelen", en: "South Karelia",
    municipalities: [
      ["Imatra"], ["Lappeenranta", "Villmanstrand"], ["Lemi"], ["Luumäki"], ["Parikkala"], ["Rautjärvi"],
      ["Ruokolahti", "Ruokolax"], ["Savitaipale"], ["Taipalsaari"],
    ],
  },
  {
    code: "MK10", fi: "Etelä-Savo", sv: "Södra Savolax", en: "South Savo",
    municipalities: [
      ["Enonkoski"], ["Hirvensalmi"], ["Juva"], ["Kangasniemi"], ["Mikkeli", "S:t Michel"], ["Mäntyharju"],
      ["Pertunmaa"], ["Pieksämäki"], ["Puumala"], ["Rantasalmi"], ["Savonlinna", "Nyslott"], ["Sulkava"],
    ],
  },
  {
    code: "MK11", fi: "Pohjois-Savo", sv: "Norra Savolax", en: "North Savo",
    municipalities: [
      ["Iisalmi", "Idensalmi"], ["Joroinen", "Jorois"], ["Kaavi"], ["Keitele"], ["Kiuruvesi"], ["Kuopio"],
      ["Lapinlahti"], ["Leppävirta"], ["Pielavesi"], ["Rautalampi"], ["Rautavaara"], ["Siilinjärvi"],
      ["Sonkajärvi"], ["Suonenjoki"], ["Tervo"], ["Tuusniemi"], ["Varkaus"], ["Vesanto"], ["Vieremä"],
    ],
  },
  {
    code: "MK12", fi: "Pohjois-Karjala", sv: "Norra Karelen", en: "North Karelia",
    municipalities: [
      ["Heinävesi"], ["Ilomantsi", "Ilomants"], ["Joensuu"], ["Juuka"], ["Kitee"], ["Kontiolahti"], ["Lieksa"],
      ["Liperi"], ["Nurmes"], ["Outokumpu"], ["Polvijärvi"], ["Rääkkylä"], ["Tohmajärvi"],
    ],
  },
  {
    code: "MK13", fi: "Keski-Suomi", sv: "Mellersta Finland", en: "Central Finland",
    municipalities: [
      ["Hankasalmi"], ["Joutsa"], ["Jyväskylä"], ["Jämsä"], ["Kannonkoski"], ["Karstula"], ["Keuruu", "Keuru"],
      ["Kinnula"], ["Kivijärvi"], ["Konnevesi"], ["Kyyjärvi"], ["Laukaa", "Laukas"], ["Luhanka"], ["Multia"],
      ["Muurame"], ["Petäjävesi"], ["Pihtipudas"], ["Saarijärvi"], ["Toivakka"], ["Uurainen"], ["Viitasaari"],
      ["Äänekoski"],
    ],
  },
  {
    code: "MK14", fi: "Etelä-Pohjanmaa", sv: "Södra Österbotten", en: "South Ostrobothnia",
    municipalities: [
      ["Alajärvi"], ["Alavus", "Alavo"], ["Evijärvi"], ["Ilmajoki", "Ilmola"], ["Isojoki", "Storå"],
      ["Isokyrö", "Storkyro"], ["Karijoki", "Bötom"], ["Kauhajoki"], ["Kauhava"], ["Kuortane"], ["Kurikka"],
      ["Lappajärvi"], ["Lapua", "Lappo"], ["Seinäjoki"], ["Soini"], ["Teuva", "Östermark"], ["Vimpeli", "Vindala"],
      ["Ähtäri", "Etseri"],
    ],
  },
  {
    code: "MK15", fi: "Pohjanmaa", sv: "Österbotten", en: "Ostrobothnia",
    municipalities: [
      ["Kaskinen", "Kaskö"], ["Korsnäs"], ["Kristiinankaupunki", "Kristinestad"], ["Kruunupyy", "Kronoby"],
      ["Laihia", "Laihela"], ["Luoto", "Larsmo"], ["Maalahti", "Malax"], ["Mustasaari", "Korsholm"],
      ["Närpiö", "Närpes"], ["Pedersören kunta", "Pedersöre"], ["Pietarsaari", "Jakobstad"],
      ["Uusikaarlepyy", "Nykarleby"], ["Vaasa", "Vasa"], ["Vöyri", "Vörå"],
    ],
  },
  {
    code: "MK16", fi: "Keski-Pohjanmaa", sv: "Mellersta Österbotten", en: "Central Ostrobothnia",
    municipalities: [
      ["Halsua"], ["Kannus"], ["Kaustinen", "Kaustby"], ["Kokkola", "Karleby"], ["Lestijärvi"], ["Perho"],
      ["Toholampi"], ["Veteli", "Vetil"],
    ],
  },
  {
    code: "MK17", fi: "Pohjois-Pohjanmaa", sv: "Norra Österbotten", en: "North Ostrobothnia",
    municipalities: [
      ["Alavieska"], ["Haapajärvi"], ["Haapavesi"], ["Hailuoto", "Karlö"], ["Ii", "Ijo"], ["Kalajoki"], ["Kempele"],
      ["Kuusamo"], ["Kärsämäki"], ["Liminka", "Limingo"], ["Lumijoki"], ["Merijärvi"], ["Muhos"], ["Nivala"],
      ["Oulainen"], ["Oulu", "Uleåborg"], ["Pudasjärvi"], ["Pyhäjoki"], ["Pyhäjärvi"], ["Pyhäntä"],
      ["Raahe", "Brahestad"], ["Reisjärvi"], ["Sievi"], ["Siikajoki"], ["Siikalatva"], ["Taivalkoski"], ["Tyrnävä"],
      ["Utajärvi"], ["Vaala"], ["Ylivieska"],
    ],
  },
  {
    code: "MK18", fi: "Kainuu", sv: "Kajanaland", en: "Kainuu",
    municipalities: [
      ["Hyrynsalmi"], ["Kajaani", "Kajana"], ["Kuhmo"], ["Paltamo"], ["Puolanka"], ["Ristijärvi"], ["Sotkamo"],
      ["Suomussalmi"],
    ],
  },
  {
    code: "MK19", fi: "Lappi", sv: "Lappland", en: "Lapland",
    municipalities: [
      ["Enontekiö", "Enontekis"], ["Inari", "Enare"], ["Kemi"], ["Kemijärvi"], ["Keminmaa"], ["Kittilä"], ["Kolari"],
      ["Muonio"], ["Pelkosenniemi"], ["Pello"], ["Posio"], ["Ranua"], ["Rovaniemi"], ["Salla"], ["Savukoski"],
      ["Simo"], ["Sodankylä"], ["Tervola"], ["Tornio", "Torneå"], ["Utsjoki"], ["Ylitornio", "Övertorneå"],
    ],
  },
  {
    code: "MK21", fi: "Ahvenanmaa", sv: "Åland", en: "Åland",
    municipalities: [
      ["Brändö"], ["Eckerö"], ["Finström"], ["Föglö"], ["Geta"], ["Hammarland"], ["Jomala"], ["Kumlinge"], ["Kökar"],
      ["Lemland"], ["Lumparland"], ["Maarianhamina", "Mariehamn"], ["Saltvik"], ["Sottunga"], ["Sund"], ["Vårdö"],
    ],
  },
];

export const regions: readonly Region[] = data.map(({ code, fi, sv, en }) => ({ code, fi, sv, en }));

export const municipalities: readonly Municipality[] = data.flatMap((region) =>
  region.municipalities.map(([name, sv]) => (sv ? { name, sv, region: region.code } : { name, region: region.code })),
);

const key = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("fi");

const byName = new Map<string, Municipality>();
for (const municipality of municipalities) {
  byName.set(key(municipality.name), municipality);
  if (municipality.sv) byName.set(key(municipality.sv), municipality);
}
// Names people also write: the short form of Pedersöre, Koski without its suffix.
byName.set(key("Pedersöre"), byName.get(key("Pedersören kunta"))!);
byName.set(key("Koski"), byName.get(key("Koski Tl"))!);

const regionByCode = new Map(regions.map((region) => [region.code, region]));

export function isRegionCode(value: unknown): value is RegionCode {
  return typeof value === "string" && regionByCode.has(value as RegionCode);
}

export function findRegion(code: string): Region | undefined {
  return regionByCode.get(code as RegionCode);
}

/** A municipality by its Finnish or Swedish name, in any letter case. */
export function findMunicipality(name: string): Municipality | undefined {
  if (name.length > 100) return undefined;
  return byName.get(key(name));
}

/** The region a municipality belongs to (undefined for an unknown name). */
export function regionOfMunicipality(name: string): Region | undefined {
  const municipality = findMunicipality(name);
  return municipality ? regionByCode.get(municipality.region) : undefined;
}

export function regionName(region: Region, language: Language): string {
  return region[language];
}

/** Swedish pages use the Swedish name; English uses the Finnish one, except in Åland. */
export function municipalityName(municipality: Municipality, language: Language): string {
  if (language === "sv" || (language === "en" && municipality.region === "MK21")) return municipality.sv ?? municipality.name;
  return municipality.name;
}

/** Each region with its municipalities sorted by their name in the language, for a grouped list. */
export function municipalitiesByRegion(language: Language): { region: Region; municipalities: Municipality[] }[] {
  const collator = new Intl.Collator(language === "sv" ? "sv-FI" : "fi-FI");
  return regions.map((region) => ({
    region,
    municipalities: municipalities
      .filter((municipality) => municipality.region === region.code)
      .sort((a, b) => collator.compare(municipalityName(a, language), municipalityName(b, language))),
  }));
}
