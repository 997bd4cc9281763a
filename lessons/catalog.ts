/** Every lesson's code half (scenario setup and checks), by folder name, in order. */
import type { CheckTable } from "./log.ts";
import type { LessonSetup } from "./setup.ts";
import * as l01 from "./01-what-is-mqtt/scenario.ts";
import * as c01 from "./01-what-is-mqtt/checks.ts";

export interface CatalogEntry {
  id: string;
  setup: LessonSetup;
  checks: CheckTable;
}

export const CATALOG: readonly CatalogEntry[] = [
  { id: "01-what-is-mqtt", setup: l01.setup, checks: c01.checks },
];
