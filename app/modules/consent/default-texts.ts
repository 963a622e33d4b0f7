// The first published version of each base consent, written on a new
// installation so that members can join before an admin has edited anything.
import type { Language } from "~/infra/i18n/i18n";
import type { BasePurpose } from "./purposes";

export const defaultConsentTexts: Record<BasePurpose, Record<Language, { title: string; body: string }>> = {
  "membership-terms": {
    fi: {
      title: "Asiakasraadin jäsenyysehdot",
      body: [
        "Asiakasraati on vapaaehtoinen. Voit osallistua kyselyihin, haastatteluihin, työpajoihin ja käytettävyystesteihin silloin, kun se sinulle sopii, ja erota milloin tahansa.",
        "Osallistuminen tai osallistumatta jättäminen ei koskaan vaikuta etuuksiisi tai palveluihisi.",
        "Tallennamme sähköpostiosoitteesi, kielesi, syntymävuotesi ja vapaaehtoiset taustatietosi, jotta voimme kutsua sinut sopiviin tutkimuksiin. Kyselyvastauksesi tallennetaan erikseen, eikä niitä koskaan yhdistetä sinuun tai tietoihin, joita meillä on sinusta.",
        "Lähetämme kutsuja enintään niin usein kuin olet itse valinnut. Voit keskeyttää kutsut, ladata tietosi tai erota omalta sivultasi.",
        "Jäsenyys on tarkoitettu 16 vuotta täyttäneille.",
      ].join("\n\n"),
    },
    sv: {
      title: "Medlemsvillkor för kundpanelen",
      body: [
        "Kundpanelen är frivillig. Du kan delta i enkäter, intervjuer, workshoppar och användbarhetstester när det passar dig och lämna panelen när som helst.",
        "Att delta eller att inte delta påverkar aldrig dina förmåner eller tjänster.",
        "Vi sparar din e-postadress, ditt språk, ditt födelseår och de frivilliga bakgrundsuppgifterna så att vi kan bjuda in dig till lämpliga undersökningar. Dina enkätsvar sparas separat och kopplas aldrig till dig eller till de uppgifter vi har om dig.",
        "Vi skickar inbjudningar högst så ofta som du själv har valt. Du kan pausa inbjudningarna, ladda ner dina uppgifter eller lämna panelen på din egen sida.",
        "Medlemskapet är avsett för personer som fyllt 16 år.",
      ].join("\n\n"),
    },
    en: {
      title: "Customer panel membership terms",
      body: [
        "The customer panel is voluntary. You can take part in surveys, interviews, workshops and usability tests when it suits you, and leave at any time.",
        "Taking part or not taking part never affects your benefits or services.",
        "We store your email address, language, year of birth and the optional background you choose to share so that we can invite you to suitable studies. Your survey answers are stored separately and are never connected to you or to the information we hold about you.",
        "We send invitations at most as often as you have chosen. You can pause invitations, download your data or leave on your own page.",
        "Membership is for people aged 16 or over.",
      ].join("\n\n"),
    },
  },
  "profile-use": {
    fi: {
      title: "Taustatietojen käyttö",
      body: "Käytämme antamiasi vapaaehtoisia taustatietoja (esimerkiksi ikäryhmä, alue ja elämäntilanne) vain, jotta kutsut menisivät monipuolisesti eri ihmisille. Tutkijat näkevät vain lukumääriä, eivät sinua. Jos perut tämän suostumuksen, emme käytä taustatietojasi kutsujen kohdentamiseen.",
    },
    sv: {
      title: "Användning av bakgrundsuppgifter",
      body: "Vi använder de frivilliga bakgrundsuppgifter du ger (till exempel åldersgrupp, region och livssituation) endast för att inbjudningarna ska nå många olika slags människor. Forskarna ser bara antal, inte dig. Om du återkallar samtycket använder vi inte dina bakgrundsuppgifter för att rikta inbjudningar.",
    },
    en: {
      title: "Use of your background information",
      body: "We use the optional background you give (for example age band, region and life situation) only so that invitations reach many different kinds of people. Researchers see counts, never you. If you withdraw this consent, we do not use your background to target invitations.",
    },
  },
};
