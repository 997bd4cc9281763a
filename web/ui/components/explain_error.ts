/** A client error as a student reads it: a refused CONNECT says why, in their language. */
import { type StringKey, t } from "../i18n.ts";

export function explainError(message: string): string {
  const refused = message.match(/refused(?:: (?:return|reason) code)? (\d+)/);
  if (refused) {
    const code = Number(refused[1]);
    // 3.1.1 return codes 1..5 and the MQTT 5 reason codes that mean the same.
    const key = ({ 1: "refused1", 2: "refused2", 3: "refused3", 4: "refused4", 5: "refused5" }[
      code
    ] ?? ({ 0x84: "refused1", 0x85: "refused2", 0x86: "refused4", 0x87: "refused5" }[code])) as
      | StringKey
      | undefined;
    return `${t("refused")} (${code}): ${key ? t(key) : message}`;
  }
  return message;
}
