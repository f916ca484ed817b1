// npm run db:migrate: apply pending migrations without starting the service.
import { loadProcessConfig } from "../config/env.js";
import { migrate } from "../db/migrate.js";

const config = loadProcessConfig();
const result = await migrate(config.databaseUrl);
console.log(
  result.applied.length > 0
    ? `Applied ${result.applied.join(", ")}`
    : `Database is up to date (${result.alreadyApplied} migrations)`,
);
