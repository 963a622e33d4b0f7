// `npm run db:migrate`: apply pending migrations to both stores and exit
// (the embedded server when no DATABASE_URL is set). `npm start` does the same.
import { prepareStores } from "../server/prepare";

const prepared = await prepareStores((line) => console.log(line));
console.log("Both stores are up to date.");
await prepared.stop();
