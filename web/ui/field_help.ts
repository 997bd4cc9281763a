/**
 * One line per dissected field, in Chinese and English: what the bytes mean to a
 * student who is reading them for the first time. Keyed by the field's last name
 * part (indices dropped), with the parent's name first where it changes the meaning.
 */
import type { Lang } from "./i18n.ts";

type Help = { zh: string; en: string };

const HELP: Record<string, Help> = {
  fixedHeader: {
    zh: "固定报头：每个 MQTT 报文都有，至少 2 字节（类型 + 剩余长度）。",
    en: "Fixed header: every MQTT packet has one, at least 2 bytes (type + remaining length).",
  },
  packetType: {
    zh: "高 4 位是报文类型：1 CONNECT，3 PUBLISH，8 SUBSCRIBE，12 PINGREQ……",
    en: "The high 4 bits are the packet type: 1 CONNECT, 3 PUBLISH, 8 SUBSCRIBE, 12 PINGREQ...",
  },
  flags: {
    zh: "低 4 位是标志位；除 PUBLISH 外都是固定值。",
    en: "The low 4 bits are flags; fixed values for every type except PUBLISH.",
  },
  dup: {
    zh: "DUP：1 表示这是一次重发（QoS 1/2 没有收到确认时）。",
    en: "DUP: 1 means this is a re-delivery (QoS 1/2 sent again without an acknowledgement).",
  },
  qos: {
    zh: "服务质量 QoS：0 最多一次，1 至少一次，2 恰好一次。",
    en: "Quality of service: 0 at most once, 1 at least once, 2 exactly once.",
  },
  retain: {
    zh: "保留标志：代理保存这条消息，新订阅者一订阅就会收到。",
    en: "Retain: the broker keeps this message and hands it to every new subscriber at once.",
  },
  remainingLength: {
    zh: "剩余长度：后面还有多少字节；可变长度编码，每字节 7 位。",
    en: "Remaining length: how many bytes follow; a variable-length integer, 7 bits per byte.",
  },
  variableHeader: {
    zh: "可变报头：随报文类型而不同的字段。",
    en: "Variable header: fields that depend on the packet type.",
  },
  payload: {
    zh: "有效载荷：报文携带的数据，如 PUBLISH 的消息内容。",
    en: "Payload: the data the packet carries, e.g. a PUBLISH's message.",
  },
  "payload.PUBLISH": {
    zh: "消息内容：代理原样转发给订阅者，MQTT 不关心它的格式。",
    en:
      "The message itself: the broker forwards it untouched; MQTT does not care about its format.",
  },
  topic: {
    zh: "主题：消息发往哪里，用 / 分层，如 /public/pz_esp32/1。",
    en: "Topic: where the message goes, levels split by /, e.g. /public/pz_esp32/1.",
  },
  topicFilter: {
    zh: "主题过滤器：订阅哪些主题；+ 匹配一层，# 匹配其余所有层。",
    en: "Topic filter: which topics to receive; + matches one level, # all the rest.",
  },
  length: {
    zh: "长度前缀：2 字节，大端序，后面字符串的字节数。",
    en: "Length prefix: 2 bytes, big-endian, the number of bytes of the string that follows.",
  },
  value: {
    zh: "UTF-8 编码的字符串内容。",
    en: "The string's UTF-8 bytes.",
  },
  packetId: {
    zh: "报文标识符：把 QoS 1/2 的报文和它的确认配成一对。",
    en: "Packet identifier: pairs a QoS 1/2 packet with its acknowledgement.",
  },
  protocolName: {
    zh: '协议名："MQTT"（3.1 版是 "MQIsdp"）。',
    en: 'Protocol name: "MQTT" ("MQIsdp" in version 3.1).',
  },
  protocolLevel: {
    zh: "协议级别：4 = MQTT 3.1.1，5 = MQTT 5.0。",
    en: "Protocol level: 4 = MQTT 3.1.1, 5 = MQTT 5.0.",
  },
  connectFlags: {
    zh: "连接标志：一个字节里的 7 个开关（用户名、密码、遗嘱、清除会话……）。",
    en: "Connect flags: seven switches in one byte (user name, password, will, clean session...).",
  },
  username: {
    zh: "用户名：代理用它鉴权（博客里 EMQX 的用户名密码认证）。",
    en: "User name: the broker authenticates with it (the blog's EMQX password check).",
  },
  password: {
    zh: "密码：明文传输！真实网络上要配合 TLS。",
    en: "Password: sent in clear text! Real networks pair it with TLS.",
  },
  willRetain: {
    zh: "遗嘱保留：遗嘱消息发布时是否保留。",
    en: "Will retain: whether the will message is published as retained.",
  },
  willQos: {
    zh: "遗嘱 QoS：遗嘱消息的服务质量。",
    en: "Will QoS: quality of service of the will message.",
  },
  will: {
    zh: "遗嘱标志：客户端异常断开时，代理替它发布一条遗嘱消息。",
    en: "Will flag: if the client vanishes, the broker publishes a will message for it.",
  },
  willTopic: {
    zh: "遗嘱主题：遗嘱消息发往的主题。",
    en: "Will topic: where the will message is published.",
  },
  willPayload: {
    zh: '遗嘱内容：例如 "offline"。',
    en: 'Will payload: for example "offline".',
  },
  cleanStart: {
    zh: "清除会话：1 = 不保留上次的订阅和离线消息。",
    en: "Clean session: 1 = forget last time's subscriptions and queued messages.",
  },
  reserved: {
    zh: "保留位：必须为 0，否则代理断开连接。",
    en: "Reserved: must be 0, or the broker closes the connection.",
  },
  keepalive: {
    zh: "保活时间（秒）：这么久没有报文就发 PINGREQ；代理等 1.5 倍后断开。",
    en:
      "Keep alive (s): send PINGREQ after this long in silence; the broker waits 1.5x, then drops.",
  },
  clientId: {
    zh: "客户端标识符：代理用它区分客户端，同一 ID 再连会把旧连接踢下线。",
    en:
      "Client identifier: how the broker tells clients apart; a second login with it evicts the first.",
  },
  ackFlags: {
    zh: "确认标志：最低位是“会话存在”。",
    en: "Acknowledge flags: the lowest bit is Session Present.",
  },
  sessionPresent: {
    zh: "会话存在：代理还保存着这个客户端上次的会话。",
    en: "Session present: the broker still holds this client's previous session.",
  },
  returnCode: {
    zh: "返回码：0 接受；4 用户名或密码错误；5 未授权……",
    en: "Return code: 0 accepted; 4 bad user name or password; 5 not authorized...",
  },
  reasonCode: {
    zh: "原因码（MQTT 5）：0x00 成功，0x80 及以上表示失败。",
    en: "Reason code (MQTT 5): 0x00 success, 0x80 and above mean failure.",
  },
  options: {
    zh: "订阅选项：最大 QoS，以及 MQTT 5 的 No Local、保留处理等。",
    en: "Subscription options: maximum QoS, and MQTT 5's No Local, retain handling...",
  },
  noLocal: {
    zh: "No Local：不把自己发布的消息发回给自己。",
    en: "No Local: do not send my own publications back to me.",
  },
  retainAsPublished: {
    zh: "按发布保留：转发时保持原来的保留标志。",
    en: "Retain as published: keep the original retain flag when forwarding.",
  },
  retainHandling: {
    zh: "保留处理：订阅时是否发送保留消息。",
    en: "Retain handling: whether retained messages are sent when subscribing.",
  },
  properties: {
    zh: "属性（MQTT 5）：可选的附加信息，每项一个标识符。",
    en: "Properties (MQTT 5): optional extra information, each with an identifier.",
  },
  id: {
    zh: "属性标识符：说明后面是哪个属性。",
    en: "Property identifier: which property follows.",
  },
  error: {
    zh: "这里违反了协议规则（见规范条款）。",
    en: "A protocol rule is broken here (see the spec rule).",
  },
  unparsed: {
    zh: "无法继续解析的字节。",
    en: "Bytes the dissector could not follow.",
  },
};

/** The one-line explanation of a field, or undefined when none is written yet. */
export function fieldHelp(name: string, packetType: string, lang: Lang): string | undefined {
  const parts = name.replace(/\[\d+\]/g, "").split(".");
  const last = parts[parts.length - 1];
  const specific = HELP[`${last}.${packetType}`];
  if (specific) return specific[lang];
  // "topic.length" is a length prefix; a property group reads as its parent.
  if (HELP[last]) return HELP[last][lang];
  for (let i = parts.length - 2; i >= 0; i--) if (HELP[parts[i]]) return HELP[parts[i]][lang];
  return undefined;
}

/** The codec's field labels in Chinese; the English stays beside them (the spec's words). */
const LABELS_ZH: Record<string, string> = {
  "Fixed Header": "固定报头",
  "Packet Type": "报文类型",
  "Reserved flags": "保留标志位",
  "Remaining Length": "剩余长度",
  "Variable Header": "可变报头",
  "Payload": "有效载荷",
  "Topic Name": "主题名",
  "Topic Filter": "主题过滤器",
  "Packet Identifier": "报文标识符",
  "Protocol Name": "协议名",
  "Protocol Level": "协议级别",
  "Connect Flags": "连接标志",
  "User Name Flag": "用户名标志",
  "Password Flag": "密码标志",
  "Will Retain": "遗嘱保留",
  "Will QoS": "遗嘱 QoS",
  "Will Flag": "遗嘱标志",
  "Clean Session": "清除会话",
  "Clean Start": "清除会话",
  "Reserved": "保留位",
  "Keep Alive": "保活时间",
  "Client Identifier": "客户端标识符",
  "Will Topic": "遗嘱主题",
  "Will Payload": "遗嘱内容",
  "User Name": "用户名",
  "Password": "密码",
  "Length": "长度",
  "Value": "值",
  "String": "字符串",
  "Binary Data": "二进制数据",
  "Connect Acknowledge Flags": "连接确认标志",
  "Session Present": "会话存在",
  "Connect Return Code": "连接返回码",
  "Reason Code": "原因码",
  "Subscription Options": "订阅选项",
  "Maximum QoS": "最大 QoS",
  "No Local": "不接收自己的消息",
  "Retain As Published": "按发布保留",
  "Retain Handling": "保留处理",
  "Property Length": "属性长度",
  "Properties": "属性",
  "Identifier": "标识符",
  "Name": "名称",
};

/** A field's label for the screen: Chinese first when the class reads Chinese. */
export function fieldLabel(label: string, lang: Lang): { main: string; aside?: string } {
  const zh = lang === "zh" ? LABELS_ZH[label] : undefined;
  return zh ? { main: zh, aside: label } : { main: label };
}
