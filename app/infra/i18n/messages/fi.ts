// Finnish is the source catalog: every key is defined here first, and the
// Swedish and English catalogs must define exactly the same keys (typecheck).
// Larger areas keep their three languages side by side in ./areas/*.ts.
import { areas } from "./areas";

const core = {
  "app.name": "Panel",
  "app.tagline": "Asiakasraati – kehitetään palveluja yhdessä",
  "lang.fi": "Suomi",
  "lang.sv": "Svenska",
  "lang.en": "English",
  "lang.switcher": "Kieli",
  "lang.change": "Vaihda kieli",

  "nav.main": "Päävalikko",
  "nav.skip": "Siirry sisältöön",
  "nav.home": "Etusivu",
  "nav.account": "Oma sivu",
  "nav.staff": "Työpöytä",
  "nav.staffAccounts": "Henkilökunta",
  "nav.studies": "Tutkimukset",
  "nav.workshops": "Haastattelut ja työpajat",
  "nav.bookings": "Varaukset",
  "nav.rewards": "Palkkiot",
  "nav.incentives": "Palkkiot ja maksut",
  "nav.feedback": "Palaute",
  "nav.giveFeedback": "Anna palautetta",
  "nav.youSaidWeDid": "Sanoitte, teimme",
  "nav.join": "Liity",
  "nav.staffMembers": "Jäsenet",
  "nav.staffConsents": "Suostumustekstit",
  "nav.signIn": "Kirjaudu",
  "nav.staffSignIn": "Henkilökunnan kirjautuminen",
  "nav.signOut": "Kirjaudu ulos",
  "nav.signedInAs": "Kirjautuneena: {email}",

  "home.title": "Tervetuloa kehittämään palveluja",
  "home.intro":
    "Asiakasraadissa voit vastata kyselyihin, osallistua haastatteluihin, työpajoihin ja käytettävyystesteihin silloin kun sinulle sopii.",
  "home.promise":
    "Osallistuminen ei koskaan vaikuta etuuksiisi tai palveluihisi, eikä vastauksiasi koskaan yhdistetä meillä oleviin tietoihisi.",
  "home.who": "Raatiin voi liittyä 16 vuotta täyttänyt.",
  "home.signInCta": "Kirjaudu sisään",

  "form.errorSummary": "Lomakkeessa on virheitä",
  "form.required": "Tämä tieto puuttuu.",
  "form.emailInvalid": "Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.",
  "form.tooLong": "Teksti on liian pitkä. Lyhennä sitä ja yritä uudelleen.",

  "signIn.title": "Kirjaudu sisään",
  "signIn.intro": "Lähetämme sähköpostiisi 8-numeroisen kirjautumiskoodin. Salasanaa ei tarvita.",
  "signIn.email": "Sähköpostiosoite",
  "signIn.emailHint": "Osoite, jolla liityit asiakasraatiin.",
  "signIn.send": "Lähetä koodi",
  "signIn.throttled": "Liian monta yritystä. Yritä uudelleen {minutes} minuutin kuluttua.",
  "signIn.codeTitle": "Kirjoita kirjautumiskoodi",
  "signIn.codeSent":
    "Jos osoite {email} kuuluu asiakasraadin jäsenelle, lähetimme siihen 8-numeroisen koodin. Koodi on voimassa 10 minuuttia.",
  "signIn.code": "Kirjautumiskoodi",
  "signIn.codeHint": "8 numeroa sähköpostiviestistä.",
  "signIn.codeInvalid": "Koodi on väärä tai vanhentunut. Tarkista koodi tai pyydä uusi.",
  "signIn.codeFormat": "Koodissa on 8 numeroa.",
  "signIn.verify": "Kirjaudu",
  "signIn.newCode": "Pyydä uusi koodi",
  "signIn.expired": "Kirjautuminen vanheni. Pyydä uusi koodi.",

  "staffSignIn.title": "Henkilökunnan kirjautuminen",
  "staffSignIn.email": "Työsähköposti",
  "staffSignIn.password": "Salasana",
  "staffSignIn.submit": "Kirjaudu",
  "staffSignIn.invalid": "Sähköpostiosoite tai salasana on väärin.",

  "signOut.everywhere": "Kirjaudu ulos kaikilta laitteilta",
  "signOut.done": "Olet kirjautunut ulos.",

  "account.title": "Oma sivu",
  "account.welcome": "Tervetuloa, {email}.",
  "account.invitations": "Kutsut",
  "account.noInvitations":
    "Sinulle ei ole nyt avoimia kutsuja. Lähetämme sähköpostia, kun sinulle sopiva tutkimus alkaa.",
  "account.security": "Kirjautuminen",
  "account.securityHint": "Jos kirjauduit yhteiskäyttöisellä laitteella, voit kirjautua ulos kaikkialta.",

  "staff.title": "Työpöytä",
  "staff.welcome": "Hei {name}.",
  "staff.yourRoles": "Roolisi",
  "staff.roleIntro.RESEARCHER": "Tutkijana luot tutkimuksia ja kyselyjä, valitset kohderyhmät ja luet tulokset.",
  "staff.roleIntro.FACILITATOR": "Fasilitaattorina järjestät haastatteluja ja työpajoja ja hoidat varaukset.",
  "staff.roleIntro.FEEDBACK_HANDLER": "Palautteen käsittelijänä kirjaat, ohjaat ja seuraat asiakaspalautetta.",
  "staff.roleIntro.ADMIN": "Ylläpitäjänä hallitset henkilökunnan tunnuksia ja rooleja.",
  "staff.roleIntro.MEMBER": "Jäsen.",

  "role.MEMBER": "Jäsen",
  "role.RESEARCHER": "Tutkija",
  "role.FACILITATOR": "Fasilitaattori",
  "role.FEEDBACK_HANDLER": "Palautteen käsittelijä",
  "role.ADMIN": "Ylläpitäjä",

  "status.PENDING": "Odottaa vahvistusta",
  "status.ACTIVE": "Aktiivinen",
  "status.DISABLED": "Poistettu käytöstä",

  "staffAccounts.title": "Henkilökunnan tunnukset",
  "staffAccounts.search": "Hae nimellä tai sähköpostilla",
  "staffAccounts.role": "Rooli",
  "staffAccounts.anyRole": "Kaikki roolit",
  "staffAccounts.filter": "Hae",
  "staffAccounts.name": "Nimi",
  "staffAccounts.email": "Sähköposti",
  "staffAccounts.roles": "Roolit",
  "staffAccounts.status": "Tila",
  "staffAccounts.lastSignIn": "Viimeksi kirjautunut",
  "staffAccounts.never": "Ei koskaan",
  "staffAccounts.empty": "Haulla ei löytynyt tunnuksia. Kokeile toista hakusanaa tai poista rooliehto.",
  "staffAccounts.count": "{count} tunnusta",

  "staffAccounts.new": "Lisää tunnus",
  "staffAccounts.newTitle": "Uusi henkilökunnan tunnus",
  "staffAccounts.create": "Luo tunnus",
  "staffAccounts.language": "Asiointikieli",
  "staffAccounts.password": "Alkusalasana",
  "staffAccounts.passwordHint": "Vähintään 12 merkkiä. Anna salasana henkilölle turvallista reittiä.",
  "staffAccounts.rolesHint": "Valitse vähintään yksi rooli.",
  "staffAccounts.emailTaken": "Tällä osoitteella on jo henkilökunnan tunnus.",
  "staffAccounts.created": "Tunnus luotu: {email}",
  "form.passwordTooShort": "Salasanassa on oltava vähintään 12 merkkiä.",
  "form.chooseOne": "Valitse vähintään yksi.",

  "pagination.label": "Sivutus",
  "pagination.previous": "Edellinen",
  "pagination.next": "Seuraava",
  "pagination.page": "Sivu {page} / {pages}",

  "error.404.title": "Sivua ei löytynyt",
  "error.404.body": "Osoitteessa voi olla kirjoitusvirhe, tai sivu on poistettu.",
  "error.403.title": "Ei käyttöoikeutta",
  "error.403.body": "Sinulla ei ole oikeutta tähän sivuun. Jos tarvitset oikeuden, ota yhteys ylläpitäjään.",
  "error.500.title": "Jokin meni vikaan",
  "error.500.body": "Virhe on meidän päässämme. Tietojasi ei menetetty. Yritä hetken kuluttua uudelleen.",
  "error.400.title": "Pyyntöä ei voitu käsitellä",
  "error.400.body": "Pyynnössä oli jotain, mitä emme ymmärtäneet. Palaa edelliselle sivulle ja yritä uudelleen.",
  "error.backHome": "Palaa etusivulle",

  "email.manageConsents": "Peru suostumus tai muuta, mitä sinulle lähetetään",
  "email.footer": "Tämä viesti lähetettiin asiakasraadista. Älä vastaa tähän viestiin.",
  "email.signInCode.subject": "Kirjautumiskoodisi asiakasraatiin",
  "email.signInCode.intro": "Kirjaudu asiakasraatiin tällä koodilla:",
  "email.signInCode.expiry": "Koodi on voimassa 10 minuuttia ja sen voi käyttää kerran.",
  "email.signInCode.ignore": "Jos et yrittänyt kirjautua, voit jättää tämän viestin huomiotta.",
} as const;

export const fi = { ...core, ...areas.fi };

export type MessageKey = keyof typeof fi;
export type Messages = Record<MessageKey, string>;
