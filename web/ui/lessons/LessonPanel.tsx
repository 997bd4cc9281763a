/**
 * The lesson stepper: the list of lessons, then one lesson's steps beside the live world,
 * its checks ticking as they pass, "show me" for the packet a check points at, and the
 * buttons that load the lesson's world, its reference solution or its broken version.
 *
 *     const lessons = createLessonsModel();
 *     <LessonPanel model={lessons} />
 */
import { useEffect } from "preact/hooks";
import { lang } from "../i18n.ts";
import { lt } from "./lesson_strings.ts";
import type { CheckState, LessonsModel, ShowTarget } from "./lessons_model.ts";
import { Markdown } from "./Markdown.tsx";
import "./lessons.css";

export function LessonPanel({ model }: { model: LessonsModel }) {
  useEffect(() => {
    void model.loadList().catch(() => {});
    return () => model.close();
  }, [model]);
  return (
    <aside class="lesson-panel" aria-label={lt("lessons")}>
      {model.lesson.value ? <LessonSteps model={model} /> : <LessonList model={model} />}
      {model.error.value && (
        <p class="lesson-error" role="alert">{lt("loadFailed")}: {model.error.value}</p>
      )}
    </aside>
  );
}

function LessonList({ model }: { model: LessonsModel }) {
  const l = lang.value;
  return (
    <nav>
      <h2>{lt("lessons")}</h2>
      <ol class="lesson-list" role="list">
        {model.list.value.map((item) => {
          const passed = model.progress.value[item.id]?.step ?? 0;
          return (
            <li key={item.id}>
              <button type="button" onClick={() => void model.open(item.id)}>
                <span class="lesson-title">{item.title[l]}</span>
                <small>
                  {passed > 0 ? `${lt("step")} ${passed + 1}/${item.steps}` : `${item.steps}`}
                </small>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function LessonSteps({ model }: { model: LessonsModel }) {
  const lesson = model.lesson.value!;
  const l = lang.value;
  const index = model.stepIndex.value;
  const step = lesson.steps[index];
  const done = lesson.steps.filter((_, i) => model.stepDone(i)).length;
  return (
    <div class="lesson">
      <header>
        <button type="button" class="lesson-back" onClick={() => model.close()}>
          ← {lt("back")}
        </button>
        <h2>{lesson.title[l]}</h2>
        <p class="lesson-progress">{done}/{lesson.steps.length} {lt("stepsDone")}</p>
        <div class="lesson-actions">
          <button type="button" onClick={() => void model.start()}>{lt("loadWorld")}</button>
          <button type="button" onClick={() => void model.start("reference")}>
            {lt("loadReference")}
          </button>
          <button type="button" onClick={() => void model.start("broken")}>
            {lt("loadBroken")}
          </button>
        </div>
      </header>
      {index === 0 && (
        <section class="lesson-intro">
          <Markdown source={lesson.intro[l]} />
          <h3>{lt("goals")}</h3>
          <ul>{lesson.goals[l].map((g, i) => <li key={i}>{g}</li>)}</ul>
        </section>
      )}
      <ol class="lesson-steps" role="tablist">
        {lesson.steps.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              role="tab"
              aria-selected={i === index}
              class={model.stepDone(i) ? "done" : ""}
              onClick={() => model.goTo(i)}
            >
              {model.stepDone(i) ? "✓" : i + 1}. {s.title[l]}
            </button>
          </li>
        ))}
      </ol>
      <section class="lesson-step" role="tabpanel" aria-label={step.title[l]}>
        <h3>{lt("step")} {index + 1}: {step.title[l]}</h3>
        <Markdown source={step.body[l]} />
        <h4>{lt("checks")}</h4>
        {step.checks.length === 0
          ? <p class="lesson-note">{lt("noChecks")}</p>
          : (
            <ul class="lesson-checks">
              {step.checks.map((id) => (
                <CheckRow
                  key={id}
                  id={id}
                  state={model.results.value[id]}
                  everPassed={model.passed.value.has(id)}
                  onShow={(target) => model.show(target)}
                />
              ))}
            </ul>
          )}
        <footer class="lesson-nav">
          <button type="button" disabled={index === 0} onClick={() => model.goTo(index - 1)}>
            {lt("prev")}
          </button>
          <button
            type="button"
            disabled={index === lesson.steps.length - 1}
            onClick={() => model.goTo(index + 1)}
          >
            {lt("next")}
          </button>
          <button type="button" class="lesson-reset" onClick={() => model.resetProgress()}>
            {lt("resetProgress")}
          </button>
        </footer>
      </section>
    </div>
  );
}

function CheckRow(
  { id, state, everPassed, onShow }: {
    id: string;
    state: CheckState | undefined;
    everPassed: boolean;
    onShow: (target: ShowTarget) => void;
  },
) {
  const ok = state?.ok ?? everPassed;
  const target: ShowTarget | undefined = state?.seq !== undefined
    ? { seq: state.seq }
    : state?.board !== undefined
    ? { board: state.board }
    : undefined;
  return (
    <li class={ok ? "check ok" : "check pending"} data-check={id}>
      <span class="check-mark" aria-hidden="true">{ok ? "✓" : "…"}</span>
      <span class="check-message">{state ? state.message[lang.value] : id}</span>
      {target && (
        <button type="button" class="show-me" onClick={() => onShow(target)}>
          {lt("showMe")} {"seq" in target ? `#${target.seq}` : target.board}
        </button>
      )}
    </li>
  );
}
