/** The stepper's words, in both languages (kept beside it; the app's strings.ts is not ours). */
import { lang } from "../i18n.ts";

const STRINGS = {
  lessons: { zh: "课程", en: "Lessons" },
  back: { zh: "全部课程", en: "All lessons" },
  goals: { zh: "学习目标", en: "Goals" },
  step: { zh: "步骤", en: "Step" },
  prev: { zh: "上一步", en: "Back" },
  next: { zh: "下一步", en: "Next" },
  showMe: { zh: "指给我看", en: "Show me" },
  checks: { zh: "检查", en: "Checks" },
  noChecks: { zh: "这一步只需要读和想。", en: "This step is for reading and thinking." },
  loadWorld: { zh: "载入本课的实验", en: "Load this lesson's world" },
  loadReference: { zh: "载入参考答案", en: "Load the reference solution" },
  loadBroken: { zh: "载入错误版本", en: "Load the broken version" },
  stepsDone: { zh: "步完成", en: "steps done" },
  resetProgress: { zh: "清除进度", en: "Reset progress" },
  loadFailed: { zh: "载入失败", en: "Could not load" },
} as const;

export type LessonStringKey = keyof typeof STRINGS;

export function lt(key: LessonStringKey): string {
  return STRINGS[key][lang.value];
}
