/** The lesson stepper for the app: mount `<LessonPanel model={createLessonsModel()} />`. */
export { LessonPanel } from "./LessonPanel.tsx";
export { createLessonsModel, type LessonsModel } from "./lessons_model.ts";
