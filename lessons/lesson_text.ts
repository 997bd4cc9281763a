/**
 * One language of a lesson: `lesson.zh.md` / `lesson.en.md`, YAML frontmatter (id, title,
 * goals, steps with id, title and checks) and a markdown body with one `## step-id` section
 * per step; text before the first section is the lesson's introduction.
 */
import { parse } from "yaml";

export interface LessonStepText {
  id: string;
  title: string;
  /** Ids of the checks that prove the step (may be empty for a step that only explains). */
  checks: string[];
  /** The step's markdown. */
  body: string;
}

export interface LessonText {
  id: string;
  title: string;
  goals: string[];
  intro: string;
  steps: LessonStepText[];
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const STEP_HEADING = /^## +(\S+)\s*$/gm;
const STEP_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Parses one language file; throws an Error naming the file and what is wrong. */
export function parseLessonText(source: string, file: string): LessonText {
  const fail = (what: string): never => {
    throw new Error(`Cannot load lesson ${file}: ${what}`);
  };
  const m = FRONTMATTER.exec(source);
  if (!m) fail("it must start with a '---' frontmatter block");
  let front: unknown;
  try {
    front = parse(m![1]);
  } catch (e) {
    fail(`the frontmatter is not valid YAML (${(e as Error).message.split("\n")[0]})`);
  }
  if (typeof front !== "object" || front === null) fail("the frontmatter must be a mapping");
  const f = front as Record<string, unknown>;
  if (typeof f.id !== "string") fail("frontmatter 'id' must be a string");
  if (typeof f.title !== "string") fail("frontmatter 'title' must be a string");
  const goals = f.goals ?? [];
  if (!Array.isArray(goals) || goals.some((g) => typeof g !== "string")) {
    fail("frontmatter 'goals' must be a list of sentences");
  }
  if (!Array.isArray(f.steps) || f.steps.length === 0) fail("frontmatter 'steps' must be a list");
  const body = source.slice(m![0].length);
  const sections = splitSections(body);
  const seen = new Set<string>();
  const steps = (f.steps as unknown[]).map((s, i): LessonStepText => {
    const step = s as Record<string, unknown>;
    if (typeof step?.id !== "string" || !STEP_ID.test(step.id)) {
      fail(`steps[${i}].id must be lower-case letters, digits and dashes`);
    }
    const id = step.id as string;
    if (seen.has(id)) fail(`two steps have the id '${id}'`);
    seen.add(id);
    if (typeof step.title !== "string") fail(`step '${id}' needs a title`);
    const checks = step.checks ?? [];
    if (!Array.isArray(checks) || checks.some((c) => typeof c !== "string")) {
      fail(`step '${id}': checks must be a list of check ids`);
    }
    const text = sections.steps.get(id);
    if (text === undefined) fail(`step '${id}' has no '## ${id}' section in the body`);
    return { id, title: step.title as string, checks: checks as string[], body: text! };
  });
  for (const id of sections.steps.keys()) {
    if (!seen.has(id)) fail(`the body has a section '## ${id}' that no step lists`);
  }
  return {
    id: f.id as string,
    title: f.title as string,
    goals: goals as string[],
    intro: sections.intro,
    steps,
  };
}

function splitSections(body: string): { intro: string; steps: Map<string, string> } {
  const heads = [...body.matchAll(STEP_HEADING)];
  const steps = new Map<string, string>();
  const intro = body.slice(0, heads[0]?.index ?? body.length).trim();
  heads.forEach((h, i) => {
    const start = h.index! + h[0].length;
    const end = heads[i + 1]?.index ?? body.length;
    steps.set(h[1], body.slice(start, end).trim());
  });
  return { intro, steps };
}
