import { defineArea } from "./define";

// Recruitment module messages: why a saved segment or the panel's
// recruitment settings were refused (shown next to the field).
export const recruitment = defineArea({
  fi: {
    "recruitment.settings.wholeNumber": "Anna kokonaisluku.",
    "recruitment.settings.outOfRange": "Luku on sallitun rajan ulkopuolella.",
    "recruitment.settings.shareInvalid": "Anna osuus väliltä 0–100 %.",
    "recruitment.settings.sharesOverOne": "Osuuksien summa on yli 100 %. Pienennä osuuksia.",
    "recruitment.settings.invalid": "Tarkista tämä kohta.",
    "recruitment.segment.filtersInvalid": "Ehdoissa on jotain, mitä ei voi käyttää. Tarkista valinnat ja yritä uudelleen.",
  },
  sv: {
    "recruitment.settings.wholeNumber": "Ange ett heltal.",
    "recruitment.settings.outOfRange": "Talet ligger utanför den tillåtna gränsen.",
    "recruitment.settings.shareInvalid": "Ange en andel mellan 0 och 100 %.",
    "recruitment.settings.sharesOverOne": "Andelarna är tillsammans över 100 %. Minska andelarna.",
    "recruitment.settings.invalid": "Kontrollera den här uppgiften.",
    "recruitment.segment.filtersInvalid": "Villkoren innehåller något som inte kan användas. Kontrollera valen och försök igen.",
  },
  en: {
    "recruitment.settings.wholeNumber": "Enter a whole number.",
    "recruitment.settings.outOfRange": "The number is outside the allowed range.",
    "recruitment.settings.shareInvalid": "Enter a share between 0 and 100 %.",
    "recruitment.settings.sharesOverOne": "The shares add up to more than 100 %. Lower them.",
    "recruitment.settings.invalid": "Check this field.",
    "recruitment.segment.filtersInvalid": "The conditions contain something that cannot be used. Check the choices and try again.",
  },
});
