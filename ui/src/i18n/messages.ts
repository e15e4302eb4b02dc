// Every fixed string of the UI, in both languages. `zh` is typed as `Messages`, so a key missing
// from either language is a type error; a unit test also checks that the Chinese is Chinese.
export const en = {
  appName: "DPO Desk",
  tagline: "GDPR and PIPL assessments in an encrypted vault on this computer",
  loading: "Starting…",
  language: "Language",
  createTitle: "Create your vault",
  createIntro:
    "Everything you enter is kept in one encrypted file on this computer. Choose a passphrase you will remember: nobody, including us, can recover it.",
  unlockTitle: "Unlock your vault",
  unlockIntro: "Enter the passphrase of this vault.",
  vaultFile: "Vault file",
  passphrase: "Passphrase",
  confirmPassphrase: "Repeat the passphrase",
  passphraseHint: "At least 12 characters; several unrelated words work well.",
  passphraseAcceptable: "Strong enough.",
  mismatch: "The two passphrases differ.",
  create: "Create vault",
  creating: "Creating…",
  unlock: "Unlock",
  unlocking: "Unlocking…",
  lock: "Lock",
  homeTitle: "Home",
  unlocked: "Vault unlocked",
  schema: "Schema version",
  auditEntries: "Audit log entries",
  emptyTitle: "No assessments yet",
  emptyBody:
    "Data-source, vendor and PIA assessments will appear here. Lock the vault when you step away: nothing is readable without the passphrase.",
  ipcError: "DPO Desk could not reach its core",
};

export type Messages = typeof en;
export type MessageKey = keyof Messages;

export const zh: Messages = {
  appName: "DPO Desk",
  tagline: "在本机加密保险库中完成 GDPR 与《个人信息保护法》合规评估",
  loading: "正在启动…",
  language: "语言",
  createTitle: "创建保险库",
  createIntro:
    "您输入的所有内容都保存在本机的一个加密文件中。请设置一个您记得住的密码：任何人（包括我们）都无法找回它。",
  unlockTitle: "解锁保险库",
  unlockIntro: "请输入该保险库的密码。",
  vaultFile: "保险库文件",
  passphrase: "密码",
  confirmPassphrase: "再次输入密码",
  passphraseHint: "至少 12 个字符；几个互不相关的词组合效果最好。",
  passphraseAcceptable: "强度足够。",
  mismatch: "两次输入的密码不一致。",
  create: "创建保险库",
  creating: "正在创建…",
  unlock: "解锁",
  unlocking: "正在解锁…",
  lock: "锁定",
  homeTitle: "首页",
  unlocked: "保险库已解锁",
  schema: "结构版本",
  auditEntries: "审计日志条数",
  emptyTitle: "尚无评估",
  emptyBody:
    "数据来源评估、供应商评估和个人信息保护影响评估将显示在这里。离开电脑时请锁定保险库：没有密码，任何内容都无法读取。",
  ipcError: "DPO Desk 无法连接其核心组件",
};

export const messages = { en, zh } as const;
