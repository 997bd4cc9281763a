/** Every lesson's code half (scenario setup and checks), by folder name, in order. */
import type { CheckTable } from "./log.ts";
import type { LessonSetup } from "./setup.ts";
import * as l01 from "./01-what-is-mqtt/scenario.ts";
import * as c01 from "./01-what-is-mqtt/checks.ts";
import * as l02 from "./02-wifi/scenario.ts";
import * as c02 from "./02-wifi/checks.ts";
import * as l03 from "./03-publisher/scenario.ts";
import * as c03 from "./03-publisher/checks.ts";
import * as l04 from "./04-subscriber/scenario.ts";
import * as c04 from "./04-subscriber/checks.ts";
import * as l05 from "./05-first-run-quirk/scenario.ts";
import * as c05 from "./05-first-run-quirk/checks.ts";
import * as l06 from "./06-client-ids/scenario.ts";
import * as c06 from "./06-client-ids/checks.ts";
import * as l07 from "./07-phone-led/scenario.ts";
import * as c07 from "./07-phone-led/checks.ts";
import * as l08 from "./08-access-control/scenario.ts";
import * as c08 from "./08-access-control/checks.ts";
import * as l09 from "./09-qos/scenario.ts";
import * as c09 from "./09-qos/checks.ts";
import * as l10 from "./10-retain-will-keepalive/scenario.ts";
import * as c10 from "./10-retain-will-keepalive/checks.ts";
import * as l11 from "./11-wildcards-sys/scenario.ts";
import * as c11 from "./11-wildcards-sys/checks.ts";

export interface CatalogEntry {
  id: string;
  setup: LessonSetup;
  checks: CheckTable;
}

export const CATALOG: readonly CatalogEntry[] = [
  { id: "01-what-is-mqtt", setup: l01.setup, checks: c01.checks },
  { id: "02-wifi", setup: l02.setup, checks: c02.checks },
  { id: "03-publisher", setup: l03.setup, checks: c03.checks },
  { id: "04-subscriber", setup: l04.setup, checks: c04.checks },
  { id: "05-first-run-quirk", setup: l05.setup, checks: c05.checks },
  { id: "06-client-ids", setup: l06.setup, checks: c06.checks },
  { id: "07-phone-led", setup: l07.setup, checks: c07.checks },
  { id: "08-access-control", setup: l08.setup, checks: c08.checks },
  { id: "09-qos", setup: l09.setup, checks: c09.checks },
  { id: "10-retain-will-keepalive", setup: l10.setup, checks: c10.checks },
  { id: "11-wildcards-sys", setup: l11.setup, checks: c11.checks },
];
