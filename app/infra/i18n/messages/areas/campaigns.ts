import { defineArea } from "./define";

// Invitation campaigns: the campaign email's fixed parts, why a campaign
// action was refused, the checks of the email texts, and the one-click
// unsubscribe page members reach from every invitation and reminder.
export const campaigns = defineArea({
  fi: {
    "campaigns.email.takePart": "Osallistu",
    "campaigns.email.unsubscribe": "Etkö halua enää tutkimuskutsuja? Peru kutsut",
    "campaigns.email.openEnded": "toistaiseksi",
    "campaigns.email.testPrefix": "[TESTI]",
    "campaigns.email.testNote":
      "Tämä on testiviesti sinulle itsellesi. Linkki vie kyselyn esikatseluun, eikä peruutuslinkki muuta mitään.",

    "campaigns.refused.not-draft": "Kampanja on jo ajastettu tai lähetetty, joten sitä ei voi enää muuttaa.",
    "campaigns.refused.not-drawn": "Poimi ensin otos. Jos otokseen ei tullut ketään, väljennä ehtoja ja poimi uudelleen.",
    "campaigns.refused.empty-sample": "Otoksessa ei ole enää ketään kutsuttavaa. Poimi otos uudelleen.",
    "campaigns.refused.study-not-open": "Avaa tutkimus vastaanottamaan vastauksia ennen kuin ajastat kutsut.",
    "campaigns.refused.not-running": "Kampanja ei ole käynnissä.",
    "campaigns.refused.not-paused": "Kampanja ei ole tauolla.",
    "campaigns.refused.finished": "Kampanja on jo päättynyt.",
    "campaigns.refused.no-text": "Kampanjalla ei ole vielä kutsutekstiä. Kirjoita otsikko ja teksti vähintään yhdellä kielellä.",
    "campaigns.refused.test-limit": "Olet lähettänyt monta testiviestiä. Yritä uudelleen {minutes} minuutin kuluttua.",

    "campaigns.error.subjectMissing": "Kirjoita myös otsikko tälle kielelle.",
    "campaigns.error.bodyMissing": "Kirjoita myös viestin teksti tälle kielelle.",
    "campaigns.error.unknownPlaceholder":
      "Tekstissä on tuntematon paikkamerkki. Käytettävissä ovat {title}, {link} ja {closes}.",
    "campaigns.error.rate": "Anna lähetysnopeus kokonaislukuna väliltä 1–100 000 viestiä minuutissa.",
    "campaigns.error.reminders": "Muistutuksia voi olla 0–5, ja niiden väli on 1–60 päivää.",

    "unsubscribe.title": "Tutkimuskutsujen peruminen",
    "unsubscribe.intro":
      "Voit lopettaa tutkimuskutsujen vastaanottamisen. Jäsenyytesi asiakasraadissa jatkuu, ja voit ottaa kutsut uudelleen käyttöön omalla sivullasi.",
    "unsubscribe.button": "Peru kaikki tutkimuskutsut",
    "unsubscribe.doneTitle": "Tutkimuskutsut on peruttu",
    "unsubscribe.done": "Et saa enää tutkimuskutsuja. Jo lähetetyt kutsut toimivat edelleen, jos haluat silti vastata.",
    "unsubscribe.already": "Olet jo perunut tutkimuskutsut. Et saa kutsuja.",
    "unsubscribe.undo": "Jos muutat mielesi, voit ottaa kutsut uudelleen käyttöön kutsuasetuksistasi.",
    "unsubscribe.preferences": "Kutsuasetukset",
    "unsubscribe.invalidTitle": "Peruutuslinkki ei ole voimassa",
    "unsubscribe.invalid":
      "Emme löytäneet tätä linkkiä. Se voi olla vanha tai kopioitu vajaana. Voit muuttaa kutsuasetuksiasi kirjautumalla omalle sivullesi.",
  },
  sv: {
    "campaigns.email.takePart": "Delta",
    "campaigns.email.unsubscribe": "Vill du inte längre få inbjudningar till undersökningar? Avbeställ dem",
    "campaigns.email.openEnded": "tills vidare",
    "campaigns.email.testPrefix": "[TEST]",
    "campaigns.email.testNote":
      "Det här är ett testmeddelande till dig själv. Länken går till förhandsvisningen av enkäten och avbeställningslänken ändrar ingenting.",

    "campaigns.refused.not-draft": "Kampanjen är redan schemalagd eller skickad och kan inte längre ändras.",
    "campaigns.refused.not-drawn": "Dra ett urval först. Om ingen kom med i urvalet, lätta på villkoren och dra på nytt.",
    "campaigns.refused.empty-sample": "Ingen i urvalet kan längre bjudas in. Dra urvalet på nytt.",
    "campaigns.refused.study-not-open": "Öppna undersökningen för svar innan du schemalägger inbjudningarna.",
    "campaigns.refused.not-running": "Kampanjen pågår inte.",
    "campaigns.refused.not-paused": "Kampanjen är inte pausad.",
    "campaigns.refused.finished": "Kampanjen har redan avslutats.",
    "campaigns.refused.no-text": "Kampanjen har ingen inbjudningstext ännu. Skriv ämnesrad och text på minst ett språk.",
    "campaigns.refused.test-limit": "Du har skickat många testmeddelanden. Försök igen om {minutes} minuter.",

    "campaigns.error.subjectMissing": "Skriv också en ämnesrad på det här språket.",
    "campaigns.error.bodyMissing": "Skriv också meddelandets text på det här språket.",
    "campaigns.error.unknownPlaceholder":
      "Texten har en okänd platshållare. Tillgängliga är {title}, {link} och {closes}.",
    "campaigns.error.rate": "Ange sändningstakten som ett heltal mellan 1 och 100 000 meddelanden per minut.",
    "campaigns.error.reminders": "Påminnelserna kan vara 0–5 och intervallet 1–60 dagar.",

    "unsubscribe.title": "Avbeställ inbjudningar till undersökningar",
    "unsubscribe.intro":
      "Du kan sluta ta emot inbjudningar till undersökningar. Ditt medlemskap i kundpanelen fortsätter, och du kan slå på inbjudningarna igen på din sida.",
    "unsubscribe.button": "Avbeställ alla inbjudningar",
    "unsubscribe.doneTitle": "Inbjudningarna är avbeställda",
    "unsubscribe.done": "Du får inga fler inbjudningar till undersökningar. Inbjudningar som redan skickats fungerar fortfarande om du ändå vill svara.",
    "unsubscribe.already": "Du har redan avbeställt inbjudningarna. Du får inga inbjudningar.",
    "unsubscribe.undo": "Om du ändrar dig kan du slå på inbjudningarna igen i dina inställningar för inbjudningar.",
    "unsubscribe.preferences": "Inställningar för inbjudningar",
    "unsubscribe.invalidTitle": "Avbeställningslänken gäller inte",
    "unsubscribe.invalid":
      "Vi hittade inte den här länken. Den kan vara gammal eller inte helt kopierad. Du kan ändra dina inställningar för inbjudningar genom att logga in på din sida.",
  },
  en: {
    "campaigns.email.takePart": "Take part",
    "campaigns.email.unsubscribe": "Don't want research invitations any more? Unsubscribe",
    "campaigns.email.openEnded": "until further notice",
    "campaigns.email.testPrefix": "[TEST]",
    "campaigns.email.testNote":
      "This is a test message to yourself. The link opens the survey preview, and the unsubscribe link changes nothing.",

    "campaigns.refused.not-draft": "The campaign has already been scheduled or sent, so it can no longer be changed.",
    "campaigns.refused.not-drawn": "Draw a sample first. If nobody came into it, loosen the filters and draw again.",
    "campaigns.refused.empty-sample": "Nobody in the sample can be invited any more. Draw the sample again.",
    "campaigns.refused.study-not-open": "Open the study for answers before you schedule the invitations.",
    "campaigns.refused.not-running": "The campaign is not running.",
    "campaigns.refused.not-paused": "The campaign is not paused.",
    "campaigns.refused.finished": "The campaign has already ended.",
    "campaigns.refused.no-text": "The campaign has no invitation text yet. Write the subject and text in at least one language.",
    "campaigns.refused.test-limit": "You have sent many test messages. Try again in {minutes} minutes.",

    "campaigns.error.subjectMissing": "Write a subject for this language too.",
    "campaigns.error.bodyMissing": "Write the message text for this language too.",
    "campaigns.error.unknownPlaceholder": "The text has an unknown placeholder. You can use {title}, {link} and {closes}.",
    "campaigns.error.rate": "Give the sending rate as a whole number from 1 to 100,000 messages a minute.",
    "campaigns.error.reminders": "There can be 0–5 reminders, 1–60 days apart.",

    "unsubscribe.title": "Unsubscribe from research invitations",
    "unsubscribe.intro":
      "You can stop receiving research invitations. You stay a member of the customer panel, and you can turn invitations back on from your page.",
    "unsubscribe.button": "Unsubscribe from all research invitations",
    "unsubscribe.doneTitle": "You have unsubscribed",
    "unsubscribe.done": "You will get no more research invitations. Invitations already sent still work if you want to answer anyway.",
    "unsubscribe.already": "You have already unsubscribed from research invitations. You get none.",
    "unsubscribe.undo": "If you change your mind, you can turn invitations back on in your invitation settings.",
    "unsubscribe.preferences": "Invitation settings",
    "unsubscribe.invalidTitle": "This unsubscribe link is not valid",
    "unsubscribe.invalid":
      "We could not find this link. It may be old or not fully copied. You can change your invitation settings by signing in to your page.",
  },
});
