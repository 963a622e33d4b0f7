import { defineArea } from "./define";

// What a member reads when booking an interview, workshop, usability test or
// council meeting from their invitation link (/b/:token), and on their own
// list of bookings (/account/bookings).
export const workshopsMember = defineArea({
  fi: {
    "booking.kicker": "Ajanvaraus",
    "booking.cutoffHint": "Voit varata, vaihtaa ja perua ajan täällä viimeistään {hours} h ennen sen alkua.",

    "booking.done.booked": "Aika on varattu. Lähetimme vahvistuksen ja kalenterikutsun sähköpostiisi.",
    "booking.done.waitlisted": "Olet jonossa. Saat sähköpostia, jos sinulle vapautuu paikka.",
    "booking.done.cancelled": "Varaus on peruttu. Lähetimme vahvistuksen sähköpostiisi.",
    "booking.done.moved": "Aika on vaihdettu. Lähetimme uuden kalenterikutsun sähköpostiisi.",
    "booking.done.consents": "Valintasi on tallennettu.",

    "booking.refusedTitle": "Muutosta ei tehty",
    "booking.refused.closed": "Tähän tutkimukseen ei voi enää varata aikoja.",
    "booking.refused.past-cutoff": "Tätä ei voi enää tehdä verkossa, koska tilaisuuden alkuun on alle {hours} h.",
    "booking.refused.already-booked": "Sinulla on jo varaus tähän tutkimukseen. Voit vaihtaa sen ajan alla.",
    "booking.refused.pastCutoffSoon":
      "Tätä ei voi enää tehdä verkossa, koska tilaisuus alkaa pian. Jos et pääse paikalle, ota yhteyttä asiakaspalveluumme.",
    "booking.refused.no-slot": "Valitsemasi aika ei ole enää varattavissa. Valitse toinen aika.",

    "booking.mine.title": "Varauksesi",
    "booking.state.BOOKED": "Varattu",
    "booking.state.WAITLISTED": "Jonossa",
    "booking.waitlistPosition": "Olet jonossa sijalla {position}. Saat sähköpostia, jos sinulle vapautuu paikka.",
    "booking.videoLinkLater": "Videolinkki näkyy täällä, kun sinulle on vahvistettu paikka.",
    "booking.change": "Vaihda aika",
    "booking.cancel": "Peru varaus",
    "booking.leaveWaitlist": "Poistu jonosta",
    "booking.locked":
      "Varausta ei voi enää vaihtaa eikä perua verkossa, koska tilaisuuden alkuun on alle {hours} h. Jos et pääse paikalle, ota yhteyttä asiakaspalveluumme.",
    "booking.shared.title": "Kertomasi tiedot",
    "booking.shared.needs": "Saavutettavuustarpeet",
    "booking.shared.device": "Laite",
    "booking.shared.assistive": "Apuvälineet",

    "booking.duration": "Kesto",
    "booking.durationValue": "{minutes} min",
    "booking.place": "Paikka",
    "booking.placeAccessibility": "Esteettömyys",
    "booking.remote": "Etäyhteydellä (videopuhelu)",
    "booking.videoLink": "Videolinkki",
    "booking.bring": "Ota mukaan",
    "booking.placesLeft": "{count} paikkaa vapaana",
    "booking.placesLeftOne": "1 paikka vapaana",
    "booking.full": "Täynnä – voit ilmoittautua jonoon",

    "booking.consents.title": "Tarkkailu ja tallennus",
    "booking.consents.intro": "Voit muuttaa valintojasi milloin tahansa ennen tilaisuutta. Kieltäytyminen ei vaikuta varaukseesi.",
    "booking.consents.save": "Tallenna valinnat",
    "booking.observation.legend": "Saavatko tutkimustiimin jäsenet seurata tilaisuutta tarkkailijoina?",
    "booking.observation.hint":
      "Tarkkailijat seuraavat tilaisuutta paikan päällä tai etäyhteydellä. Voit kieltäytyä: varauksesi pysyy silti voimassa.",
    "booking.observation.yes": "Kyllä, tarkkailijat saavat seurata",
    "booking.observation.no": "Ei, en halua tarkkailijoita",
    "booking.recording.legend": "Saako tilaisuuden tallentaa?",
    "booking.recording.hint":
      "Ääni- tai videotallenne auttaa tutkijoita palaamaan siihen, mitä tilaisuudessa sanottiin. Voit kieltäytyä: varauksesi pysyy silti voimassa.",
    "booking.recording.yes": "Kyllä, saa tallentaa",
    "booking.recording.no": "Ei, en halua tallennusta",

    "booking.slots.title": "Vapaat ajat",
    "booking.slots.intro": "Valitse sinulle sopiva aika.",
    "booking.slots.councilIntro": "Asiakasneuvoston jäsenenä voit varata paikan jokaiseen kokoukseen.",
    "booking.slots.none": "Vapaita aikoja ei ole juuri nyt.",
    "booking.slots.book": "Varaa tämä aika",
    "booking.slots.join": "Ilmoittaudu jonoon",

    "booking.closed.title": "Ajanvaraus on päättynyt",
    "booking.closed.body":
      "Tähän tutkimukseen ei voi enää varata aikaa. Kiitos kiinnostuksestasi – kutsumme sinut mielellämme seuraaviin tutkimuksiin.",
    "booking.closed.withBooking": "Uusia aikoja ei voi enää varata, mutta varauksesi on voimassa.",

    "booking.book.title": "Varaa aika",
    "booking.book.waitlistTitle": "Ilmoittaudu jonoon",
    "booking.book.intro": "Tarkista aika ja vastaa kysymyksiin. Vapaaehtoiset kysymykset on merkitty.",
    "booking.book.waitlistIntro":
      "Tämä aika on täynnä. Jos ilmoittaudut jonoon ja paikka vapautuu, saat sen jonotusjärjestyksessä ja sähköpostiisi tulee vahvistus.",
    "booking.book.submit": "Vahvista varaus",
    "booking.book.waitlistSubmit": "Ilmoittaudu jonoon",
    "booking.needs.label": "Saavutettavuustarpeet (vapaaehtoinen)",
    "booking.needs.hint":
      "Esimerkiksi pyörätuoli, induktiosilmukka, kirjoitustulkkaus tai taukoja. Kerromme tiedon tilaisuuden vetäjälle, jotta hän voi valmistautua.",
    "booking.device.label": "Millä laitteella osallistut?",
    "booking.device.hint": "Esimerkiksi Android-puhelin, iPhone, iPad tai Windows-tietokone.",
    "booking.assistive.label": "Mitä apuvälineitä käytät? (vapaaehtoinen)",
    "booking.assistive.hint":
      "Esimerkiksi ruudunlukija, ruudunsuurennus, puheohjaus tai pistenäyttö. Jätä tyhjäksi, jos et käytä apuvälineitä.",
    "booking.back": "Palaa varaussivulle",

    "booking.error.consent": "Valitse kyllä tai ei.",
    "booking.error.device": "Kerro, millä laitteella osallistut.",
    "booking.error.chooseTime": "Valitse uusi aika.",

    "booking.move.title": "Vaihda aika",
    "booking.move.current": "Nykyinen aikasi",
    "booking.move.legend": "Valitse uusi aika",
    "booking.move.hint": "Vaihtoehtoina ovat ajat, joissa on tilaa. Kun vaihdat, nykyinen paikkasi vapautuu muille.",
    "booking.move.none": "Muita aikoja, joissa on tilaa, ei ole juuri nyt.",
    "booking.move.submit": "Vaihda aika",
    "booking.move.option": "{when} – {availability}",

    "booking.cancel.title": "Perutaanko varaus?",
    "booking.cancel.waitlistTitle": "Poistutaanko jonosta?",
    "booking.cancel.body": "Paikkasi vapautuu muille. Saat perumisesta vahvistuksen sähköpostiisi.",
    "booking.cancel.waitlistBody": "Paikkasi jonossa vapautuu muille.",
    "booking.cancel.confirm": "Kyllä, peru varaus",
    "booking.cancel.confirmWaitlist": "Kyllä, poistu jonosta",
    "booking.cancel.keep": "Ei, pidä varaus",

    "booking.invalid.title": "Varauslinkki ei ole voimassa",
    "booking.invalid.body":
      "Emme löytäneet tätä linkkiä. Se voi olla vanha tai kopioitu vajaana. Tarkista linkki kutsusähköpostista.",

    "booking.account.title": "Varaukseni",
    "booking.account.intro":
      "Tulevat haastattelu-, työpaja- ja testiaikasi. Voit perua ajan täällä. Ajan voi vaihtaa kutsusähköpostin linkistä.",
    "booking.account.empty": "Sinulla ei ole tulevia varauksia.",
    "booking.account.locked":
      "Tätä varausta ei voi enää perua verkossa, koska tilaisuus alkaa pian. Jos et pääse paikalle, ota yhteyttä asiakaspalveluumme.",
  },
  sv: {
    "booking.kicker": "Tidsbokning",
    "booking.cutoffHint": "Du kan boka, byta och avboka en tid här senast {hours} h innan den börjar.",

    "booking.done.booked": "Tiden är bokad. Vi har skickat en bekräftelse och en kalenderinbjudan till din e-post.",
    "booking.done.waitlisted": "Du står i kö. Du får e-post om en plats blir ledig för dig.",
    "booking.done.cancelled": "Bokningen är avbokad. Vi har skickat en bekräftelse till din e-post.",
    "booking.done.moved": "Tiden är ändrad. Vi har skickat en ny kalenderinbjudan till din e-post.",
    "booking.done.consents": "Dina val har sparats.",

    "booking.refusedTitle": "Ingen ändring gjordes",
    "booking.refused.closed": "Det går inte längre att boka tider i den här undersökningen.",
    "booking.refused.past-cutoff": "Det här går inte längre att göra på webben, eftersom det är mindre än {hours} h tills tillfället börjar.",
    "booking.refused.already-booked": "Du har redan en bokning i den här undersökningen. Du kan byta tid nedan.",
    "booking.refused.pastCutoffSoon":
      "Det här går inte längre att göra på webben, eftersom tillfället börjar snart. Om du inte kan komma, kontakta vår kundtjänst.",
    "booking.refused.no-slot": "Tiden du valde går inte längre att boka. Välj en annan tid.",

    "booking.mine.title": "Dina bokningar",
    "booking.state.BOOKED": "Bokad",
    "booking.state.WAITLISTED": "I kö",
    "booking.waitlistPosition": "Du har plats {position} i kön. Du får e-post om en plats blir ledig för dig.",
    "booking.videoLinkLater": "Videolänken visas här när du har fått en bekräftad plats.",
    "booking.change": "Byt tid",
    "booking.cancel": "Avboka",
    "booking.leaveWaitlist": "Lämna kön",
    "booking.locked":
      "Bokningen kan inte längre ändras eller avbokas på webben, eftersom det är mindre än {hours} h tills tillfället börjar. Om du inte kan komma, kontakta vår kundtjänst.",
    "booking.shared.title": "Uppgifter du har gett",
    "booking.shared.needs": "Behov av tillgänglighet",
    "booking.shared.device": "Enhet",
    "booking.shared.assistive": "Hjälpmedel",

    "booking.duration": "Längd",
    "booking.durationValue": "{minutes} min",
    "booking.place": "Plats",
    "booking.placeAccessibility": "Tillgänglighet",
    "booking.remote": "På distans (videosamtal)",
    "booking.videoLink": "Videolänk",
    "booking.bring": "Ta med",
    "booking.placesLeft": "{count} lediga platser",
    "booking.placesLeftOne": "1 ledig plats",
    "booking.full": "Fullbokad – du kan ställa dig i kö",

    "booking.consents.title": "Observation och inspelning",
    "booking.consents.intro": "Du kan ändra dina val när som helst före tillfället. Att säga nej påverkar inte din bokning.",
    "booking.consents.save": "Spara valen",
    "booking.observation.legend": "Får medlemmar i forskningsteamet följa tillfället som observatörer?",
    "booking.observation.hint":
      "Observatörerna följer tillfället på plats eller på distans. Du kan säga nej: din bokning gäller ändå.",
    "booking.observation.yes": "Ja, observatörer får följa tillfället",
    "booking.observation.no": "Nej, jag vill inte ha observatörer",
    "booking.recording.legend": "Får tillfället spelas in?",
    "booking.recording.hint":
      "En ljud- eller videoinspelning hjälper forskarna att gå tillbaka till det som sades under tillfället. Du kan säga nej: din bokning gäller ändå.",
    "booking.recording.yes": "Ja, det får spelas in",
    "booking.recording.no": "Nej, jag vill inte att det spelas in",

    "booking.slots.title": "Lediga tider",
    "booking.slots.intro": "Välj en tid som passar dig.",
    "booking.slots.councilIntro": "Som medlem i rådet kan du boka en plats till varje möte.",
    "booking.slots.none": "Det finns inga lediga tider just nu.",
    "booking.slots.book": "Boka den här tiden",
    "booking.slots.join": "Ställ dig i kö",

    "booking.closed.title": "Tidsbokningen har avslutats",
    "booking.closed.body":
      "Det går inte längre att boka tid i den här undersökningen. Tack för ditt intresse – vi bjuder gärna in dig till kommande undersökningar.",
    "booking.closed.withBooking": "Nya tider kan inte längre bokas, men din bokning gäller.",

    "booking.book.title": "Boka tid",
    "booking.book.waitlistTitle": "Ställ dig i kö",
    "booking.book.intro": "Kontrollera tiden och svara på frågorna. Frivilliga frågor är märkta.",
    "booking.book.waitlistIntro":
      "Den här tiden är fullbokad. Om du ställer dig i kö och en plats blir ledig får du den i kötur, och en bekräftelse skickas till din e-post.",
    "booking.book.submit": "Bekräfta bokningen",
    "booking.book.waitlistSubmit": "Ställ dig i kö",
    "booking.needs.label": "Behov av tillgänglighet (frivilligt)",
    "booking.needs.hint":
      "Till exempel rullstol, hörslinga, skrivtolkning eller pauser. Vi berättar det för den som leder tillfället, så att hen kan förbereda sig.",
    "booking.device.label": "Vilken enhet deltar du med?",
    "booking.device.hint": "Till exempel en Android-telefon, iPhone, iPad eller Windows-dator.",
    "booking.assistive.label": "Vilka hjälpmedel använder du? (frivilligt)",
    "booking.assistive.hint":
      "Till exempel skärmläsare, förstoringsprogram, röststyrning eller punktskriftsskärm. Lämna tomt om du inte använder hjälpmedel.",
    "booking.back": "Tillbaka till bokningssidan",

    "booking.error.consent": "Välj ja eller nej.",
    "booking.error.device": "Berätta vilken enhet du deltar med.",
    "booking.error.chooseTime": "Välj en ny tid.",

    "booking.move.title": "Byt tid",
    "booking.move.current": "Din nuvarande tid",
    "booking.move.legend": "Välj en ny tid",
    "booking.move.hint": "Du kan välja bland tider med lediga platser. När du byter blir din nuvarande plats ledig för andra.",
    "booking.move.none": "Det finns inga andra tider med lediga platser just nu.",
    "booking.move.submit": "Byt tid",
    "booking.move.option": "{when} – {availability}",

    "booking.cancel.title": "Vill du avboka?",
    "booking.cancel.waitlistTitle": "Vill du lämna kön?",
    "booking.cancel.body": "Din plats blir ledig för andra. Du får en bekräftelse på avbokningen till din e-post.",
    "booking.cancel.waitlistBody": "Din plats i kön blir ledig för andra.",
    "booking.cancel.confirm": "Ja, avboka",
    "booking.cancel.confirmWaitlist": "Ja, lämna kön",
    "booking.cancel.keep": "Nej, behåll bokningen",

    "booking.invalid.title": "Bokningslänken gäller inte",
    "booking.invalid.body":
      "Vi hittade inte den här länken. Den kan vara gammal eller ofullständigt kopierad. Kontrollera länken i inbjudan du fick per e-post.",

    "booking.account.title": "Mina bokningar",
    "booking.account.intro":
      "Dina kommande tider för intervjuer, workshoppar och tester. Du kan avboka en tid här. Tiden kan bytas via länken i inbjudan.",
    "booking.account.empty": "Du har inga kommande bokningar.",
    "booking.account.locked":
      "Bokningen kan inte längre avbokas på webben, eftersom tillfället börjar snart. Om du inte kan komma, kontakta vår kundtjänst.",
  },
  en: {
    "booking.kicker": "Booking",
    "booking.cutoffHint": "You can book, change and cancel a time here until {hours} h before it starts.",

    "booking.done.booked": "Your time is booked. We have sent a confirmation and a calendar invitation to your email.",
    "booking.done.waitlisted": "You are on the waiting list. We will email you if a place opens up for you.",
    "booking.done.cancelled": "Your booking is cancelled. We have sent a confirmation to your email.",
    "booking.done.moved": "Your time has been changed. We have sent a new calendar invitation to your email.",
    "booking.done.consents": "Your choices have been saved.",

    "booking.refusedTitle": "Nothing was changed",
    "booking.refused.closed": "Times can no longer be booked for this study.",
    "booking.refused.past-cutoff": "This can no longer be done online, because the session starts in less than {hours} h.",
    "booking.refused.already-booked": "You already have a booking for this study. You can change its time below.",
    "booking.refused.pastCutoffSoon":
      "This can no longer be done online, because the session starts soon. If you cannot come, please contact our customer service.",
    "booking.refused.no-slot": "The time you chose can no longer be booked. Please choose another time.",

    "booking.mine.title": "Your bookings",
    "booking.state.BOOKED": "Booked",
    "booking.state.WAITLISTED": "On the waiting list",
    "booking.waitlistPosition": "You are number {position} on the waiting list. We will email you if a place opens up for you.",
    "booking.videoLinkLater": "The video link will appear here once your place is confirmed.",
    "booking.change": "Change time",
    "booking.cancel": "Cancel booking",
    "booking.leaveWaitlist": "Leave the waiting list",
    "booking.locked":
      "The booking can no longer be changed or cancelled online, because the session starts in less than {hours} h. If you cannot come, please contact our customer service.",
    "booking.shared.title": "What you told us",
    "booking.shared.needs": "Accessibility needs",
    "booking.shared.device": "Device",
    "booking.shared.assistive": "Assistive technology",

    "booking.duration": "Duration",
    "booking.durationValue": "{minutes} min",
    "booking.place": "Place",
    "booking.placeAccessibility": "Accessibility",
    "booking.remote": "Remote (video call)",
    "booking.videoLink": "Video link",
    "booking.bring": "Please bring",
    "booking.placesLeft": "{count} places left",
    "booking.placesLeftOne": "1 place left",
    "booking.full": "Full – you can join the waiting list",

    "booking.consents.title": "Observation and recording",
    "booking.consents.intro": "You can change your choices at any time before the session. Saying no does not affect your booking.",
    "booking.consents.save": "Save choices",
    "booking.observation.legend": "May members of the research team follow the session as observers?",
    "booking.observation.hint":
      "Observers follow the session in the room or remotely. You can say no: your booking stays valid.",
    "booking.observation.yes": "Yes, observers may follow",
    "booking.observation.no": "No, I do not want observers",
    "booking.recording.legend": "May the session be recorded?",
    "booking.recording.hint":
      "An audio or video recording helps the researchers go back to what was said in the session. You can say no: your booking stays valid.",
    "booking.recording.yes": "Yes, it may be recorded",
    "booking.recording.no": "No, I do not want it recorded",

    "booking.slots.title": "Available times",
    "booking.slots.intro": "Choose a time that suits you.",
    "booking.slots.councilIntro": "As a council member you can book a place at every meeting.",
    "booking.slots.none": "No times are available right now.",
    "booking.slots.book": "Book this time",
    "booking.slots.join": "Join the waiting list",

    "booking.closed.title": "Booking has closed",
    "booking.closed.body":
      "Times can no longer be booked for this study. Thank you for your interest – we will gladly invite you to future studies.",
    "booking.closed.withBooking": "New times can no longer be booked, but your booking is still valid.",

    "booking.book.title": "Book a time",
    "booking.book.waitlistTitle": "Join the waiting list",
    "booking.book.intro": "Check the time and answer the questions. Optional questions are marked.",
    "booking.book.waitlistIntro":
      "This time is full. If you join the waiting list and a place opens up, you get it in your turn and a confirmation is sent to your email.",
    "booking.book.submit": "Confirm booking",
    "booking.book.waitlistSubmit": "Join the waiting list",
    "booking.needs.label": "Accessibility needs (optional)",
    "booking.needs.hint":
      "For example a wheelchair, an induction loop, speech-to-text interpreting or breaks. We pass this on to the facilitator so that they can prepare.",
    "booking.device.label": "Which device will you use?",
    "booking.device.hint": "For example an Android phone, iPhone, iPad or Windows computer.",
    "booking.assistive.label": "Which assistive technology do you use? (optional)",
    "booking.assistive.hint":
      "For example a screen reader, screen magnifier, voice control or braille display. Leave empty if you do not use any.",
    "booking.back": "Back to the booking page",

    "booking.error.consent": "Choose yes or no.",
    "booking.error.device": "Tell us which device you will use.",
    "booking.error.chooseTime": "Choose a new time.",

    "booking.move.title": "Change time",
    "booking.move.current": "Your current time",
    "booking.move.legend": "Choose a new time",
    "booking.move.hint": "You can choose from times with places left. When you change, your current place is freed for others.",
    "booking.move.none": "No other times with places left are available right now.",
    "booking.move.submit": "Change time",
    "booking.move.option": "{when} – {availability}",

    "booking.cancel.title": "Cancel your booking?",
    "booking.cancel.waitlistTitle": "Leave the waiting list?",
    "booking.cancel.body": "Your place is freed for others. You will get a confirmation of the cancellation by email.",
    "booking.cancel.waitlistBody": "Your place on the waiting list is freed for others.",
    "booking.cancel.confirm": "Yes, cancel booking",
    "booking.cancel.confirmWaitlist": "Yes, leave the waiting list",
    "booking.cancel.keep": "No, keep my booking",

    "booking.invalid.title": "This booking link is not valid",
    "booking.invalid.body":
      "We could not find this link. It may be old or only partly copied. Please check the link in your invitation email.",

    "booking.account.title": "My bookings",
    "booking.account.intro":
      "Your upcoming interview, workshop and test times. You can cancel a time here. To change a time, use the link in your invitation email.",
    "booking.account.empty": "You have no upcoming bookings.",
    "booking.account.locked":
      "This booking can no longer be cancelled online, because the session starts soon. If you cannot come, please contact our customer service.",
  },
});
