/** Every board of the world, side by side. */
import { t } from "../i18n.ts";
import type { WorldModel } from "../world_model.ts";
import { BoardCard } from "./BoardCard.tsx";

export function BoardsView({ model }: { model: WorldModel }) {
  const boards = model.boards.value;
  const consoles = model.consoles.value;
  return (
    <section class="boards" aria-label={t("viewBoards")}>
      {boards.length === 0 && <p class="empty">{t("noBoards")}</p>}
      {boards.map((board) => (
        <BoardCard
          key={board.name}
          board={board}
          lines={consoles[board.name] ?? []}
          model={model}
        />
      ))}
    </section>
  );
}
