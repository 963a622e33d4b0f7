// A test set for recurrence grouping: feedback as customers write it, in
// Finnish, Swedish and English, about a city's services. Each item names the
// matter it is about (its known group; grouping is within one language, so a
// matter told in two languages is two groups) or null when it is about
// something of its own. The same matter is told by different people in their
// own words, inflections, typos and lengths; the items of their own share
// common words with the groups ("hakemus", "puhelin", "kauan", "kiitos",
// "ansökan", "phone", "waiting") while being about something else.
// Written by hand, not tuned to the algorithm.
import type { Language } from "~/infra/i18n/i18n";
import type { FeedbackCategory, FeedbackChannel } from "~/modules/feedback/kinds";

/** The services a customer or handler can pick on the form and the quick-log (Feedback.serviceId). */
export const corpusServices = {
  benefits: { fi: "Etuudet", sv: "Förmåner", en: "Benefits" },
  "customer-service": { fi: "Asiakaspalvelu ja neuvonta", sv: "Kundtjänst och rådgivning", en: "Customer service and advice" },
  online: { fi: "Sähköinen asiointi", sv: "E-tjänster", en: "Online services" },
  "service-points": { fi: "Asiointipisteet", sv: "Servicepunkter", en: "Service points" },
  daycare: { fi: "Varhaiskasvatus", sv: "Småbarnspedagogik", en: "Early childhood education" },
  billing: { fi: "Laskutus", sv: "Fakturering", en: "Billing" },
  waste: { fi: "Jätehuolto", sv: "Avfallshantering", en: "Waste management" },
  streets: { fi: "Kadut ja liikenneväylät", sv: "Gator och trafikleder", en: "Streets and roads" },
  libraries: { fi: "Kirjastot", sv: "Bibliotek", en: "Libraries" },
  sports: { fi: "Liikuntapalvelut", sv: "Idrottstjänster", en: "Sports services" },
  parks: { fi: "Puistot ja leikkipaikat", sv: "Parker och lekplatser", en: "Parks and playgrounds" },
  social: { fi: "Sosiaalipalvelut", sv: "Socialtjänster", en: "Social services" },
  health: { fi: "Terveyspalvelut", sv: "Hälsovård", en: "Health services" },
  transport: { fi: "Joukkoliikenne", sv: "Kollektivtrafik", en: "Public transport" },
  education: { fi: "Koulutus", sv: "Utbildning", en: "Education" },
} as const;
export type CorpusService = keyof typeof corpusServices;

export interface CorpusItem {
  /** the known matter, or null for an item of its own */
  group: string | null;
  language: Language;
  channel: FeedbackChannel;
  category: FeedbackCategory;
  text: string;
  /** the service picked on the form or the quick-log, null when left empty */
  service: CorpusService | null;
}

// The service each matter is about, as customers and handlers pick it. Several
// matters share a service (signing in, attachments and the app are all
// "online services"; phone queues, chat thanks and the language of service are
// all "customer service"), and many items of their own carry the service of a
// nearby matter, so the service alone does not tell the matters apart.
const matterService: Record<string, CorpusService> = {
  "fi-housing-wait": "benefits",
  "fi-phone-queue": "customer-service",
  "fi-login": "online",
  "fi-daycare-fee": "daycare",
  "fi-letter-language": "benefits",
  "fi-accessibility": "service-points",
  "fi-chat-thanks": "customer-service",
  "fi-opening-hours": "service-points",
  "fi-attachment": "online",
  "fi-waste": "waste",
  "fi-streetlights": "streets",
  "fi-reminder": "billing",
  "fi-app": "online",
  "sv-language": "customer-service",
  "sv-phone-queue": "customer-service",
  "sv-housing-wait": "benefits",
  "sv-school-taxi": "education",
  "sv-snow": "streets",
  "sv-login": "online",
  "sv-opening-hours": "service-points",
  "sv-reminder": "billing",
  "en-language": "customer-service",
  "en-booking": "health",
  "en-phone-queue": "customer-service",
  "en-reminder": "billing",
  "en-wifi": "libraries",
  "en-login": "online",
};

type Written = Omit<CorpusItem, "service"> & { picked: CorpusService | undefined };
const fi = (group: string | null, channel: FeedbackChannel, category: FeedbackCategory, text: string, picked?: CorpusService): Written => ({ group, language: "fi", channel, category, text, picked });
const sv = (group: string | null, channel: FeedbackChannel, category: FeedbackCategory, text: string, picked?: CorpusService): Written => ({ group, language: "sv", channel, category, text, picked });
const en = (group: string | null, channel: FeedbackChannel, category: FeedbackCategory, text: string, picked?: CorpusService): Written => ({ group, language: "en", channel, category, text, picked });

const written: Written[] = [
  // --- Finnish: housing allowance application takes too long
  fi("fi-housing-wait", "WEB", "COMPLAINT", "Asumistuen hakemuksen käsittely kestää aivan liian kauan. Jätin hakemuksen kaksi kuukautta sitten eikä päätöstä ole vieläkään tullut."),
  fi("fi-housing-wait", "PHONE", "COMPLAINT", "Asiakas soitti: asumistukihakemus ollut käsittelyssä yli 8 viikkoa, vuokra pitäisi maksaa ja rahat loppu."),
  fi("fi-housing-wait", "EMAIL", "COMPLAINT", "Miksi asumistuen käsittelyajat ovat näin pitkiä? Odotan edelleen päätöstä asumistuesta, hain jo syyskuussa."),
  fi("fi-housing-wait", "CHAT", "COMPLAINT", "asumistuki hakemus vielä kesken?? käsittely kestää ihan liian pitkään"),
  fi("fi-housing-wait", "VISIT", "COMPLAINT", "Asiakas kävi toimipisteessä kysymässä asumistukensa käsittelyn tilannetta. Hakemus jätetty elokuussa, ei päätöstä. Asiakas huolissaan vuokranmaksusta."),
  fi("fi-housing-wait", "LETTER", "COMPLAINT", "Olen eläkeläinen ja hain asumistukea jo kesällä. Käsittelyssä menee kuukausia. Tämä on kohtuutonta kun vuokranantaja vaatii rahojaan."),
  fi("fi-housing-wait", "WEB", "COMPLAINT", "Asumistukipäätöksen odottaminen on kestänyt 10 viikkoa. Pitkät käsittelyajat aiheuttavat vuokrarästejä."),

  // --- Finnish: phone queues
  fi("fi-phone-queue", "WEB", "COMPLAINT", "Puhelinpalveluun on mahdoton päästä läpi. Jonotin tänään 45 minuuttia ja sitten puhelu katkesi."),
  fi("fi-phone-queue", "EMAIL", "COMPLAINT", "Jonotusajat puhelimessa ovat kohtuuttomia. Soitin kolmena päivänä eikä kukaan vastannut, aina vain 'jonotat paikalla 38'."),
  fi("fi-phone-queue", "CHAT", "COMPLAINT", "puhelinjonot on ihan järkyttävän pitkät, tunti jonossa"),
  fi("fi-phone-queue", "VISIT", "COMPLAINT", "Asiakas tuli paikan päälle, koska ei ollut päässyt puhelimella läpi viikkoon. Jonotusaika puhelinpalvelussa liian pitkä.", "service-points"),
  fi("fi-phone-queue", "LETTER", "IDEA", "Ehdotan takaisinsoittopalvelua, ettei puhelinjonossa tarvitsisi roikkua tuntia. Nykyiset jonotusajat ovat aivan liian pitkiä."),
  fi("fi-phone-queue", "WEB", "COMPLAINT", "Puhelinneuvontaan jonottaminen vie koko lounastauon. Jonossa odotin 50 min eikä vieläkään vastattu."),
  fi("fi-phone-queue", "PHONE", "COMPLAINT", "Asiakas valitti pitkästä jonotuksesta puhelinpalvelussa, oli jonottanut yli puoli tuntia ennen kuin pääsi läpi."),

  // --- Finnish: online service login with bank credentials fails
  fi("fi-login", "WEB", "COMPLAINT", "Verkkoasiointiin kirjautuminen pankkitunnuksilla ei onnistu. Tunnistautumisen jälkeen tulee virheilmoitus ja palaan etusivulle."),
  fi("fi-login", "EMAIL", "COMPLAINT", "En pääse kirjautumaan sähköiseen asiointiin. Pankkitunnuksilla tunnistautuminen menee läpi mutta sitten tulee virhe 'istunto vanhentunut'."),
  fi("fi-login", "CHAT", "COMPLAINT", "kirjautuminen ei toimi! pankkitunnukset hyväksytään mut sivu antaa virheen"),
  fi("fi-login", "PHONE", "COMPLAINT", "Asiakas ei ole päässyt kirjautumaan verkkoasiointiin kolmeen päivään, tunnistautuminen epäonnistuu virheilmoitukseen."),
  fi("fi-login", "WEB", "COMPLAINT", "Sähköinen asiointi kaatuu kirjautumisessa. Kokeilin kahdella eri pankin tunnuksilla ja mobiilivarmenteella, aina sama virhe."),
  fi("fi-login", "VISIT", "COMPLAINT", "Asiakas kertoi, että verkkopalveluun kirjautuminen ei toimi ja tunnistautumisen jälkeen näkyy virhesivu. Asioi siksi toimistossa.", "service-points"),

  // --- Finnish: early childhood education fee calculated wrong
  fi("fi-daycare-fee", "EMAIL", "COMPLAINT", "Varhaiskasvatusmaksumme on laskettu väärin. Tulotietoja ei ole päivitetty, vaikka toimitimme ne ajoissa."),
  fi("fi-daycare-fee", "WEB", "COMPLAINT", "Päivähoitomaksu nousi yllättäen ja lasku on väärin laskettu, sisarusalennus puuttuu kokonaan."),
  fi("fi-daycare-fee", "PHONE", "COMPLAINT", "Asiakkaan mukaan varhaiskasvatuksen maksupäätös on virheellinen, maksu laskettu vanhojen tulojen mukaan."),
  fi("fi-daycare-fee", "LETTER", "COMPLAINT", "Saimme päivähoitomaksusta laskun, joka on kaksinkertainen aiempaan. Maksupäätöksessä on käytetty väärää perhekokoa."),
  fi("fi-daycare-fee", "CHAT", "COMPLAINT", "varhaiskasvatusmaksu väärin?? sisarusalennusta ei oo huomioitu laskussa"),

  // --- Finnish: decision letters are hard to understand
  fi("fi-letter-language", "LETTER", "COMPLAINT", "Päätöskirjeenne on täysin käsittämätöntä virkakieltä. En ymmärrä saanko tukea vai en."),
  fi("fi-letter-language", "WEB", "IDEA", "Päätösten kieli pitäisi selkeyttää. Kirjeessä oli pitkiä lakipykäliä ja vaikeita sanoja, selkokielinen tiivistelmä alkuun auttaisi."),
  fi("fi-letter-language", "PHONE", "COMPLAINT", "Asiakas ei ymmärtänyt saamaansa päätöstä, kirjeen kieli liian vaikeaselkoista ja pykäläviittauksia täynnä."),
  fi("fi-letter-language", "EMAIL", "COMPLAINT", "Vanhempani sai päätöskirjeen, jota kumpikaan meistä ei ymmärtänyt. Kapulakieltä ja viittauksia lakeihin ilman selitystä."),
  fi("fi-letter-language", "VISIT", "IDEA", "Toive: päätöskirjeisiin selkeämpi kieli ja lyhyt selitys siitä mitä päätös tarkoittaa käytännössä."),

  // --- Finnish: service point accessibility (ramp, lift)
  fi("fi-accessibility", "VISIT", "COMPLAINT", "Toimipisteen hissi on ollut rikki kaksi viikkoa, pyörätuolilla ei pääse toiseen kerrokseen."),
  fi("fi-accessibility", "WEB", "COMPLAINT", "Palvelupisteeseen ei pääse pyörätuolilla, hissi epäkunnossa eikä ovella ole luiskaa."),
  fi("fi-accessibility", "PHONE", "COMPLAINT", "Rollaattorilla liikkuva asiakas valitti, että toimiston hissi ei toimi ja portaat ovat ainoa reitti."),
  fi("fi-accessibility", "EMAIL", "COMPLAINT", "Esteettömyys on olematonta: hissi rikki jo toista viikkoa, lastenvaunujen ja pyörätuolin kanssa ei pääse asioimaan."),
  fi("fi-accessibility", "LETTER", "COMPLAINT", "Liikuntarajoitteisena en päässyt asioimaan, koska hissinne oli taas epäkunnossa. Korjatkaa hissi."),

  // --- Finnish: thanks for the chat service
  fi("fi-chat-thanks", "CHAT", "THANKS", "Kiitos chatin asiakaspalvelijalle, sain nopeasti vastauksen kysymykseeni!"),
  fi("fi-chat-thanks", "WEB", "THANKS", "Chat-palvelu oli todella nopea ja avulias. Kiitos!"),
  fi("fi-chat-thanks", "EMAIL", "THANKS", "Haluan kiittää chatissa palvellutta henkilöä, joka neuvoi kärsivällisesti ja nopeasti."),
  fi("fi-chat-thanks", "CHAT", "THANKS", "kiitos chat palvelusta, nopeaa ja ystävällistä apua"),

  // --- Finnish: office opening hours too short
  fi("fi-opening-hours", "WEB", "IDEA", "Toimiston aukioloajat ovat liian lyhyet. Työssäkäyvä ei ehdi asioimaan, kun ovet suljetaan klo 15."),
  fi("fi-opening-hours", "VISIT", "IDEA", "Toive iltaaukiolosta: toimipiste voisi olla auki edes yhtenä iltana viikossa."),
  fi("fi-opening-hours", "EMAIL", "COMPLAINT", "Aukioloaikanne ovat kohtuuttoman suppeat. Ette ole auki iltaisin ettekä lauantaisin, joten joudun ottamaan vapaata töistä."),
  fi("fi-opening-hours", "PHONE", "IDEA", "Asiakas toivoi pidempiä aukioloaikoja ja lauantaiaukioloa palvelupisteeseen."),
  fi("fi-opening-hours", "LETTER", "IDEA", "Olisiko mahdollista pidentää palvelupisteen aukioloa? Klo 9–15 on hankala ajankohta työssäkäyville."),

  // --- Finnish: attachments fail to upload in the online service
  fi("fi-attachment", "WEB", "COMPLAINT", "Liitteiden lataaminen hakemukseen ei onnistu. PDF-tiedosto hylätään vaikka se on alle 5 megatavua."),
  fi("fi-attachment", "EMAIL", "COMPLAINT", "Yritin lisätä palkkatodistuksen liitteeksi, mutta liitteen lataus epäonnistuu aina. Virheilmoitus: tiedostomuotoa ei tueta.", "benefits"),
  fi("fi-attachment", "CHAT", "COMPLAINT", "liite ei lataudu, kokeilin jpg ja pdf molemmat ei käy"),
  fi("fi-attachment", "PHONE", "COMPLAINT", "Asiakas ei saanut liitettyä tiliotteita verkkohakemukseen, liitteen lataaminen keskeytyy."),
  fi("fi-attachment", "WEB", "COMPLAINT", "Liitetiedostojen lisääminen ei toimi puhelimella. Kuvan liittäminen jää jumiin 99 prosenttiin."),
  fi("fi-attachment", "EMAIL", "IDEA", "Liitteiden kokorajoitus on liian pieni, skannatut paperit ovat isompia. Voisiko liitteen maksimikokoa kasvattaa?"),

  // --- Finnish: waste bin not emptied
  fi("fi-waste", "WEB", "COMPLAINT", "Jäteastiaa ei ole tyhjennetty kolmeen viikkoon Koivukujalla. Roskat tulvivat yli."),
  fi("fi-waste", "PHONE", "COMPLAINT", "Asiakas ilmoitti, että sekajäteastia jäi taas tyhjentämättä, jäteauto ei käynyt sovittuna päivänä."),
  fi("fi-waste", "EMAIL", "COMPLAINT", "Roska-astiamme tyhjennys on jäänyt väliin jo kahdesti tässä kuussa. Maksamme jätehuollosta turhaan."),
  fi("fi-waste", "CHAT", "COMPLAINT", "biojäteastia tyhjentämättä taas, haisee"),
  fi("fi-waste", "WEB", "COMPLAINT", "Taloyhtiömme jäteastioiden tyhjennykset ovat myöhässä, jäteauto ei ole käynyt kahteen viikkoon."),

  // --- Finnish: street lights out
  fi("fi-streetlights", "WEB", "COMPLAINT", "Katuvalot ovat olleet pimeänä Rantatiellä jo viikon. Koulumatka on pimeässä vaarallinen."),
  fi("fi-streetlights", "PHONE", "COMPLAINT", "Asiakas ilmoitti rikkinäisestä katuvalaistuksesta, useampi katulamppu ei pala kevyen liikenteen väylällä."),
  fi("fi-streetlights", "EMAIL", "COMPLAINT", "Katuvalaistus ei toimi asuinalueellamme, lamput sammuneet koko kadun matkalta. Pimeässä kävely pelottaa."),
  fi("fi-streetlights", "WEB", "COMPLAINT", "Kadun valot eivät pala! Koiraa ulkoiluttaessa ei näe mitään."),

  // --- Finnish: payment reminder although the invoice was paid
  fi("fi-reminder", "EMAIL", "COMPLAINT", "Sain maksumuistutuksen, vaikka maksoin laskun eräpäivänä. Muistutusmaksu pitää perua."),
  fi("fi-reminder", "PHONE", "COMPLAINT", "Asiakas sai perintäkirjeen jo maksetusta laskusta, maksu näkyy tiliotteella ajallaan."),
  fi("fi-reminder", "WEB", "COMPLAINT", "Miksi lähetitte muistutuslaskun, kun lasku on maksettu? Nyt pitää selvitellä ja todistaa maksu."),
  fi("fi-reminder", "LETTER", "COMPLAINT", "Maksoin laskun ajoissa mutta silti tuli maksumuistutus ja 5 euron muistutusmaksu. Pyydän korjaamaan."),

  // --- Finnish: the city's mobile app crashes
  fi("fi-app", "WEB", "COMPLAINT", "Kaupungin mobiilisovellus kaatuu heti käynnistyksen jälkeen, päivitys ei auttanut."),
  fi("fi-app", "CHAT", "COMPLAINT", "appi ei aukee puhelimessa enää päivityksen jälkeen"),
  fi("fi-app", "EMAIL", "COMPLAINT", "Sovelluksenne sulkeutuu itsestään aina kun yritän avata hakemukseni. Android-puhelin, uusin versio.", "benefits"),
  fi("fi-app", "PHONE", "COMPLAINT", "Asiakas kertoi, ettei saa mobiilisovellusta toimimaan, se jumittaa latausruutuun."),
  fi("fi-app", "WEB", "COMPLAINT", "Päivitin sovelluksen eilen ja nyt se kaatuu joka kerta kun avaan viestit."),

  // --- Finnish: more of the matters above, told later by other customers
  fi("fi-streetlights", "PHONE", "COMPLAINT", "Tievalaistus pimeänä Kuusitiellä, lamppuja rikki monessa pylväässä."),
  fi("fi-phone-queue", "EMAIL", "COMPLAINT", "Neuvontanumeroon soittaminen on turhaa, linjat aina varattuina ja odotus kestää ikuisuuden."),
  fi("fi-housing-wait", "CHAT", "COMPLAINT", "milloin saan päätöksen asumistuesta? hakemus lähti lokakuun alussa"),
  fi("fi-waste", "WEB", "COMPLAINT", "Roskia ei ole haettu meiltä kuukauteen, jäteastia on täynnä."),
  fi("fi-login", "WEB", "COMPLAINT", "Tunnistautuminen Suomi.fi-palvelussa onnistuu, mutta asiointipalveluun ei pääse sisään."),

  // --- Finnish: items of their own (share common words with the groups)
  fi(null, "WEB", "THANKS", "Kiitos nopeasta päätöksestä, sain toimeentulotuen ajallaan ja asiat selvisivät.", "benefits"),
  fi(null, "PHONE", "COMPLAINT", "Asiakas kysyi, miksi hänen vammaistukensa maksu on viivästynyt tässä kuussa. Pankkiin ei ole tullut mitään.", "benefits"),
  fi(null, "EMAIL", "IDEA", "Verkkosivuille voisi lisätä hakutoiminnon, nyt lomakkeita on vaikea löytää.", "online"),
  fi(null, "VISIT", "THANKS", "Toimipisteen virkailija oli erittäin ystävällinen ja auttoi täyttämään lomakkeen.", "service-points"),
  fi(null, "WEB", "COMPLAINT", "Kirjastossa on liian kylmä, lukusalissa täytyy istua takki päällä.", "libraries"),
  fi(null, "CHAT", "IDEA", "voisko sovellukseen tulla tumma tila", "online"),
  fi(null, "WEB", "COMPLAINT", "Uimahallin pukuhuoneet olivat likaiset ja suihkuista tuli vain kylmää vettä.", "sports"),
  fi(null, "PHONE", "COMPLAINT", "Asiakas pahoitteli, että hänen hakemuksensa oli hylätty puuttuvan allekirjoituksen takia, vaikka hän oli allekirjoittanut sen.", "benefits"),
  fi(null, "EMAIL", "COMPLAINT", "Puiston leikkivälineet ovat rikki ja lapset voivat loukkaantua. Keinu roikkuu yhden ketjun varassa.", "parks"),
  fi(null, "LETTER", "THANKS", "Kiitos kotihoidon hoitajille, äitini on saanut hyvää ja lämmintä hoitoa koko syksyn.", "social"),
  fi(null, "WEB", "IDEA", "Pyöräparkkeja tarvittaisiin lisää rautatieaseman viereen, nyt pyörät ovat pitkin katuja.", "streets"),
  fi(null, "VISIT", "COMPLAINT", "Asiakas valitti, että vastaanoton jonotusnumeroautomaatti oli rikki ja jono oli sekava.", "service-points"),
  fi(null, "WEB", "COMPLAINT", "Bussi 23 ajaa aamuisin usein etuajassa ja jään pysäkille.", "transport"),
  fi(null, "EMAIL", "IDEA", "Toivoisin, että laskut voisi saada e-laskuna suoraan verkkopankkiin paperilaskun sijaan.", "billing"),
  fi(null, "PHONE", "COMPLAINT", "Asiakas oli saanut väärän henkilön päätöksen postissa, tietosuojaloukkaus. Kirje palautettu.", "benefits"),
  fi(null, "WEB", "COMPLAINT", "Terveysaseman ajanvaraus on aina täynnä, lääkärille ei saa aikaa kolmeen viikkoon.", "health"),
  fi(null, "CHAT", "COMPLAINT", "teidän nettisivut ei toimi firefoxilla, valikot ei aukea", "online"),
  fi(null, "WEB", "THANKS", "Kiitos kirjaston lukupiireistä, ne ovat piristäneet eläkeläisen arkea kovasti.", "libraries"),
  fi(null, "EMAIL", "COMPLAINT", "Kuntosalin vuorojen varausjärjestelmä jakaa vuorot epäreilusti, samat seurat saavat aina parhaat ajat.", "sports"),
  fi(null, "VISIT", "IDEA", "Asiakas ehdotti, että odotusaulaan tuotaisiin lehtiä ja vettä odottaville.", "service-points"),
  fi(null, "WEB", "COMPLAINT", "Lumitöitä ei ole tehty pihatiellämme, auto jäi jumiin. Aura-auto ei ole käynyt.", "streets"),
  fi(null, "PHONE", "COMPLAINT", "Asiakas oli tyytymätön siihen, että sosiaalityöntekijä vaihtuu jatkuvasti eikä kukaan tunne hänen tilannettaan.", "social"),
  fi(null, "WEB", "IDEA", "Koirapuistoon kaivataan valaistusta ja roska-astioita.", "parks"),
  fi(null, "EMAIL", "COMPLAINT", "Vesilasku oli tällä kertaa moninkertainen, vaikka kulutus ei ole muuttunut. Mittari lienee rikki.", "billing"),
  fi(null, "LETTER", "COMPLAINT", "Hakemukseni hylättiin, enkä ole samaa mieltä perusteluista. Haluan tietää, miten voin valittaa päätöksestä.", "benefits"),
  fi(null, "WEB", "COMPLAINT", "Kirjautuminen kirjaston e-kirjapalveluun vaatii kirjastokortin PIN-koodin, jota en muista. Miten saan uuden?", "libraries"),
  fi(null, "EMAIL", "IDEA", "Sovelluksessa voisi näkyä myös kirjastojen aukioloajat.", "online"),
  fi(null, "PHONE", "COMPLAINT", "Puhelinnumeronne verkkosivuilla on väärä, soitin yksityishenkilölle.", "customer-service"),
  fi(null, "EMAIL", "THANKS", "Kiitos nopeasta vastauksesta sähköpostiini, asia hoitui yhdellä viestillä.", "customer-service"),

  // --- Swedish: the website and forms are not in Swedish
  sv("sv-language", "WEB", "COMPLAINT", "Blanketterna på er webbplats finns bara på finska. Som svenskspråkig har jag rätt till service på mitt modersmål."),
  sv("sv-language", "EMAIL", "COMPLAINT", "Varför finns e-tjänsten inte på svenska? Jag förstår inte de finska instruktionerna."),
  sv("sv-language", "PHONE", "COMPLAINT", "Kunden klagade på att det inte fanns någon svensk version av ansökningsblanketten."),
  sv("sv-language", "LETTER", "COMPLAINT", "Beslutet jag fick var skrivet på finska fast jag har svenska som modersmål. Jag kräver svensk service."),
  sv("sv-language", "WEB", "COMPLAINT", "Svenska sidorna på webbplatsen är bristfälliga, hälften av texterna är bara på finska."),
  sv("sv-language", "CHAT", "COMPLAINT", "finns det ingen svensk blankett?? bara finska"),

  // --- Swedish: long phone queues
  sv("sv-phone-queue", "WEB", "COMPLAINT", "Det är omöjligt att komma fram på telefon. Jag köade i 40 minuter och sedan bröts samtalet."),
  sv("sv-phone-queue", "EMAIL", "COMPLAINT", "Telefonköerna är alldeles för långa, jag har försökt ringa tre dagar i rad utan att få svar."),
  sv("sv-phone-queue", "VISIT", "COMPLAINT", "Kunden kom till kontoret eftersom hon inte kommit fram i telefontjänsten på en vecka, kötiden var över en timme."),
  sv("sv-phone-queue", "LETTER", "IDEA", "Inför gärna en tjänst där man blir uppringd, så man slipper sitta i telefonkö i en timme."),
  sv("sv-phone-queue", "CHAT", "COMPLAINT", "telefonkön är sjukt lång, satt i kö 50 min"),

  // --- Swedish: housing allowance decision delayed
  sv("sv-housing-wait", "WEB", "COMPLAINT", "Beslutet om bostadsbidrag dröjer. Jag ansökte i augusti och har fortfarande inte fått något besked."),
  sv("sv-housing-wait", "EMAIL", "COMPLAINT", "Handläggningen av min ansökan om bostadsbidrag har tagit över två månader. Hyran måste betalas nu."),
  sv("sv-housing-wait", "PHONE", "COMPLAINT", "Kunden undrade varför hans bostadsbidragsansökan inte är behandlad trots att den lämnades in för tio veckor sedan."),
  sv("sv-housing-wait", "LETTER", "COMPLAINT", "Handläggningstiderna för bostadsbidrag är orimligt långa. Som pensionär klarar jag inte hyran utan bidraget."),

  // --- Swedish: school transport late or missing
  sv("sv-school-taxi", "EMAIL", "COMPLAINT", "Skoltaxin kom inte i morse och vår son fick vänta en timme i kylan."),
  sv("sv-school-taxi", "PHONE", "COMPLAINT", "Förälder klagade på att skolskjutsen är försenad nästan varje morgon och barnen kommer för sent till skolan."),
  sv("sv-school-taxi", "WEB", "COMPLAINT", "Skolskjutsen har uteblivit två gånger denna vecka. Ingen meddelade oss att taxin inte kommer."),
  sv("sv-school-taxi", "WEB", "COMPLAINT", "Skolskjutsarna fungerar inte, taxin är sen och chauffören hittar inte till vår adress."),

  // --- Swedish: snow clearing of foot and cycle paths
  sv("sv-snow", "WEB", "COMPLAINT", "Snöröjningen på gång- och cykelvägarna är bristfällig, man kan inte cykla till jobbet."),
  sv("sv-snow", "EMAIL", "COMPLAINT", "Cykelvägen längs Strandvägen har inte plogats på en vecka. Det är halt och farligt."),
  sv("sv-snow", "PHONE", "COMPLAINT", "Kunden klagade på att gångbanorna inte plogas och inte sandas, äldre vågar inte gå ut."),
  sv("sv-snow", "WEB", "COMPLAINT", "Gångvägen till skolan är full av snö, plogbilen har inte varit här sedan snöfallet."),
  sv("sv-snow", "LETTER", "IDEA", "Plogningen av cykelvägar borde prioriteras före bilvägarna, snöröjning för cyklister är obefintlig."),

  // --- Swedish: login with bank codes fails
  sv("sv-login", "WEB", "COMPLAINT", "Jag kan inte logga in i e-tjänsten med mina bankkoder, det kommer ett felmeddelande efter identifieringen."),
  sv("sv-login", "EMAIL", "COMPLAINT", "Inloggningen fungerar inte. Bankkoderna godkänns men sedan står det 'sessionen har gått ut'."),
  sv("sv-login", "CHAT", "COMPLAINT", "inloggning funkar inte, fel efter bankkoderna"),
  sv("sv-login", "PHONE", "COMPLAINT", "Kunden har inte kunnat logga in i nättjänsten på tre dagar, identifieringen misslyckas."),

  // --- Swedish: office opening hours too short
  sv("sv-opening-hours", "WEB", "IDEA", "Kontorets öppettider är för korta, den som arbetar hinner aldrig dit före klockan 15."),
  sv("sv-opening-hours", "EMAIL", "IDEA", "Kunde servicepunkten vara öppen åtminstone en kväll i veckan? Nu måste jag ta ledigt från jobbet."),
  sv("sv-opening-hours", "PHONE", "IDEA", "Kunden önskade längre öppethållande på servicepunkten, också på lördagar."),
  sv("sv-opening-hours", "LETTER", "COMPLAINT", "Ni har öppet bara mitt på dagen. Förläng öppettiderna så att arbetande kan uträtta sina ärenden."),

  // --- Swedish: payment reminder for a paid invoice
  sv("sv-reminder", "EMAIL", "COMPLAINT", "Jag fick en betalningspåminnelse fast jag betalade fakturan i tid. Ta bort påminnelseavgiften."),
  sv("sv-reminder", "PHONE", "COMPLAINT", "Kunden fick en påminnelse om en räkning som redan var betald, betalningen syns på kontoutdraget."),
  sv("sv-reminder", "WEB", "COMPLAINT", "Varför skickar ni påminnelser om fakturor som redan är betalda? Nu måste jag bevisa att jag har betalat."),

  // --- Swedish: more of the matters above
  sv("sv-snow", "PHONE", "COMPLAINT", "Trottoarerna är isiga och osandade, kundens mamma halkade i går."),
  sv("sv-phone-queue", "WEB", "COMPLAINT", "Ingen svarar i er kundtjänst, jag ringde fem gånger i dag och väntade länge varje gång."),

  // --- Swedish: items of their own
  sv(null, "WEB", "THANKS", "Tack för snabb och vänlig service på kontoret i går!", "service-points"),
  sv(null, "EMAIL", "COMPLAINT", "Min ansökan om utkomststöd avslogs och jag förstår inte motiveringen.", "benefits"),
  sv(null, "PHONE", "IDEA", "Kunden föreslog att biblioteket kunde ha längre öppettider på söndagar.", "libraries"),
  sv(null, "WEB", "COMPLAINT", "Simhallens bastu var trasig hela veckan.", "sports"),
  sv(null, "LETTER", "THANKS", "Tack till hemvården som tagit så väl hand om min far.", "social"),
  sv(null, "WEB", "COMPLAINT", "Bussen till centrum går för sällan på kvällarna, man får vänta en timme.", "transport"),
  sv(null, "EMAIL", "IDEA", "Det skulle vara bra om man kunde betala parkeringen med mobilen.", "streets"),
  sv(null, "VISIT", "COMPLAINT", "Kunden klagade på att väntrummet var fullt och att det saknades sittplatser.", "service-points"),
  sv(null, "WEB", "COMPLAINT", "Lekparken i Västerby är nedskräpad och gungorna är trasiga.", "parks"),
  sv(null, "PHONE", "COMPLAINT", "Kunden hade fått en faktura för dagvård fast barnet slutade i juni.", "daycare"),
  sv(null, "CHAT", "THANKS", "tack för hjälpen i chatten, supersnabbt", "customer-service"),
  sv(null, "EMAIL", "COMPLAINT", "Hälsocentralen svarar inte i telefon och det finns inga lediga tider på nätet.", "health"),
  sv(null, "EMAIL", "IDEA", "Kan man få fakturan som e-faktura i stället för på papper?", "billing"),
  sv(null, "WEB", "THANKS", "Tack för att ni plogade vår gata så snabbt efter stormen!", "streets"),
  sv(null, "PHONE", "IDEA", "Kunden frågade om man kan ansöka om bostadsbidrag också som studerande.", "benefits"),

  // --- English: information and forms only in Finnish
  en("en-language", "WEB", "COMPLAINT", "There is no information in English on your website. All the forms are in Finnish only, so I cannot apply."),
  en("en-language", "EMAIL", "COMPLAINT", "As an international resident I find it very hard to use your services because the forms are only available in Finnish."),
  en("en-language", "CHAT", "COMPLAINT", "is there an english version of the application form? only finnish one available"),
  en("en-language", "VISIT", "IDEA", "Customer asked that the decision letters and forms be translated into English."),
  en("en-language", "WEB", "COMPLAINT", "Please provide English translations. The online service and the instructions are in Finnish and Swedish only."),

  // --- English: online appointment booking shows no times
  en("en-booking", "WEB", "COMPLAINT", "The online booking system shows no available appointments for the next two months."),
  en("en-booking", "EMAIL", "COMPLAINT", "I tried to book an appointment online but the calendar is always empty. How am I supposed to get a time?"),
  en("en-booking", "CHAT", "COMPLAINT", "cant book an appointment, no times in the booking calendar"),
  en("en-booking", "PHONE", "COMPLAINT", "Customer could not find any free appointment slots in the online booking service and had to call instead.", "customer-service"),
  en("en-booking", "WEB", "COMPLAINT", "Booking appointments online is impossible, every slot is taken and new ones never appear."),

  // --- English: long phone queues
  en("en-phone-queue", "WEB", "COMPLAINT", "I waited on the phone for over an hour and nobody answered. The phone queues are unacceptable."),
  en("en-phone-queue", "EMAIL", "COMPLAINT", "Your telephone service is impossible to reach, I have been in the queue for 40 minutes three days in a row."),
  en("en-phone-queue", "CHAT", "COMPLAINT", "phone queue way too long, waited 50 mins then got cut off"),
  en("en-phone-queue", "LETTER", "IDEA", "A call-back option would help a lot, so we do not have to wait in the phone queue for ages."),

  // --- English: payment reminder for a paid invoice
  en("en-reminder", "EMAIL", "COMPLAINT", "I received a payment reminder even though I paid the invoice on time. Please cancel the reminder fee."),
  en("en-reminder", "WEB", "COMPLAINT", "Why did you send me a reminder for an invoice I already paid? The payment is on my bank statement."),
  en("en-reminder", "PHONE", "COMPLAINT", "Customer got a reminder letter and a late fee for a bill that was paid before the due date."),
  en("en-reminder", "LETTER", "COMPLAINT", "The invoice was paid on the due date, yet a payment reminder with a 5 euro fee arrived. Correct this please."),

  // --- English: library wifi
  en("en-wifi", "WEB", "COMPLAINT", "The wifi at the main library keeps disconnecting, it is impossible to work there."),
  en("en-wifi", "EMAIL", "COMPLAINT", "Library Wi-Fi has not worked for a week. I cannot connect my laptop to the network."),
  en("en-wifi", "VISIT", "COMPLAINT", "Customer said the wireless network in the library is down again and the staff could not help."),
  en("en-wifi", "CHAT", "COMPLAINT", "library wifi broken again?? cant connect"),

  // --- English: signing in to the online service fails
  en("en-login", "WEB", "COMPLAINT", "I can't sign in to the e-service, after the bank authentication I get an error page."),
  en("en-login", "EMAIL", "COMPLAINT", "Logging in with my online banking credentials fails every time: 'session expired'."),
  en("en-login", "CHAT", "COMPLAINT", "login not working, error after bank id"),
  en("en-login", "PHONE", "COMPLAINT", "Customer has not been able to log in to the online service for two days, the identification step fails."),

  // --- English: more of the matters above
  en("en-wifi", "EMAIL", "COMPLAINT", "The internet connection in the library reading room drops every few minutes."),
  en("en-booking", "WEB", "COMPLAINT", "There are never any free times when I try to reserve a doctor's appointment on the website."),
  en("en-language", "EMAIL", "COMPLAINT", "Decisions are sent to me in Finnish although I asked for English."),
  en("en-phone-queue", "PHONE", "COMPLAINT", "Nobody picks up the phone at the customer service, I called five times today."),

  // --- English: items of their own
  en(null, "WEB", "THANKS", "Thank you for the quick decision on my application, it really helped our family.", "benefits"),
  en(null, "EMAIL", "COMPLAINT", "The playground near the school has broken swings and glass on the ground.", "parks"),
  en(null, "PHONE", "IDEA", "Customer suggested more benches along the seaside walking path.", "parks"),
  en(null, "WEB", "COMPLAINT", "The swimming hall was closed without any notice on Saturday.", "sports"),
  en(null, "CHAT", "THANKS", "thanks for the help in the chat, very friendly", "customer-service"),
  en(null, "WEB", "COMPLAINT", "My application was rejected because of a missing document that I did send. Please check again.", "benefits"),
  en(null, "EMAIL", "IDEA", "It would be great if the city offered Finnish language courses in the evenings.", "education"),
  en(null, "VISIT", "COMPLAINT", "Customer complained that the waiting room was cold and there was no water available.", "service-points"),
  en(null, "WEB", "COMPLAINT", "The bus stop on Main Street has no shelter and it is always windy and wet.", "transport"),
  en(null, "EMAIL", "COMPLAINT", "My daughter's daycare invoice was sent to my old address and now there is a late fee.", "daycare"),
  en(null, "PHONE", "THANKS", "Customer wanted to thank the social worker who helped them find an apartment.", "social"),
  en(null, "WEB", "THANKS", "Thank you for fixing the street lights on our road so quickly.", "streets"),
  en(null, "EMAIL", "COMPLAINT", "Can I pay the invoice in two instalments? I could not find the option anywhere.", "billing"),
  en(null, "WEB", "IDEA", "The app should show the library opening hours too.", "online"),
  en(null, "PHONE", "COMPLAINT", "Customer asked how to change the contact phone number in their account.", "customer-service"),
  en(null, "EMAIL", "COMPLAINT", "The sauna shifts at the swimming hall cannot be booked online, only by visiting.", "sports"),
];

/**
 * The items with their services. An item of its own carries the service it is
 * about. An item of a matter carries the service picked for it where one is
 * written (a customer who picked another service: the benefit they were
 * applying for, the office they went to), else the matter's service, except
 * every fifth item of each matter (its 3rd, 8th, ...), left empty.
 */
export const feedbackCorpus: CorpusItem[] = (() => {
  const seen = new Map<string, number>();
  return written.map(({ picked, ...item }) => {
    if (item.group === null) {
      if (!picked) throw new Error(`an item of its own without a service: ${item.text}`);
      return { ...item, service: picked };
    }
    const n = seen.get(item.group) ?? 0;
    seen.set(item.group, n + 1);
    const service = matterService[item.group];
    if (!service) throw new Error(`no service for matter ${item.group}`);
    return { ...item, service: n % 5 === 2 ? null : (picked ?? service) };
  });
})();
