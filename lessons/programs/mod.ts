/**
 * The lessons' own TypeScript device programs, twins of their .py files, by the program
 * name the lesson scenarios use ("lesson/fixed-publisher"), and the resolver that gives
 * them to a World.
 */
import { type ProgramResolver, type TsProgram, tsProgram } from "../../devices/mod.ts";
import { blogMainAsWritten } from "./blog_main_as_written.ts";
import { fixedPublisher } from "./fixed_publisher.ts";
import { qos2Client } from "./qos2_client.ts";
import { qosListener } from "./qos_listener.ts";
import { qosSender } from "./qos_sender.ts";
import { watcher } from "./watcher.ts";
import { willSensor } from "./will_sensor.ts";

export const LESSON_PROGRAMS: ReadonlyMap<string, TsProgram> = new Map<string, TsProgram>([
  ["lesson/fixed-publisher", fixedPublisher],
  ["lesson/blog-main-as-written", blogMainAsWritten],
  ["lesson/qos-sender", qosSender],
  ["lesson/qos-listener", qosListener],
  ["lesson/qos2-client", qos2Client],
  ["lesson/will-sensor", willSensor],
  ["lesson/watcher", watcher],
]);

export const resolveLessonProgram: ProgramResolver = (program, params) => {
  const run = LESSON_PROGRAMS.get(program);
  return run ? tsProgram(run, params) : undefined;
};
