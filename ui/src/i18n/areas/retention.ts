// The UI strings of retention: keep-until dates, the list of what is past its date, the
// recovery copy and the erase confirmation's keep warning (issue 21).
// `zh` is typed by `en`, so a key missing from either language is a type error.
export const en = {
  keepUntilTitle: "Keep until",
  keepUntilClientNote: "Past this date the dashboard lists the client for erasure. Nothing is erased without your confirmation.",
  keepUntilAssessmentNote: "Past this date the dashboard lists this version for erasure (by its client's matter). Nothing is erased without your confirmation.",
  keepUntilNone: "No date set.",
  keepUntilMinimum: "A signed-off PIA is kept at least until {date} (PIPL Art. 56: three years from approval, or longer where its answers ask).",
  keepUntilDate: "Date (kept until the end of this day)",
  keepUntilSave: "Save date",
  keepUntilClear: "Clear",
  keepUntilSaved: "Kept until {date}.",
  dueErasureTitle: "Past their keep-until date",
  dueErasureNote: "Nothing has been erased. Erase a matter, or keep it longer by moving its date.",
  dueErasureClient: "client",
  dueErasureVersion: "version {n}",
  dueErasureDaysPast: "{n} days past",
  dueErasureAction: "Erase…",
  dueErasureNoClient: "filed under no client: no erasure reaches it",
  recoveryTitle: "Recovery copy",
  recoveryIntro:
    "A lost passphrase cannot be recovered by anyone. A recovery copy is a backup encrypted under a second, separate recovery passphrase: keep the file and that passphrase apart, in a safe. Restore it like any backup.",
  recoveryPassphrase: "Recovery passphrase",
  recoveryRepeat: "Repeat the recovery passphrase",
  recoveryMake: "Save recovery copy…",
  recoveryMaking: "Saving…",
  recoverySaved: "Recovery copy saved: {path}",
  eraseKeptUntil:
    "Part of this matter is to be kept until {date} (its keep-until date; for a signed-off PIA, the legal minimum of PIPL Art. 56). Erase it now only if no duty to keep it applies.",
};

export const zh: typeof en = {
  keepUntilTitle: "保存期限",
  keepUntilClientNote: "超过此日期后，首页会将该客户列为待删除。未经您确认，不会删除任何内容。",
  keepUntilAssessmentNote: "超过此日期后，首页会将该版本列为待删除（按其所属客户的事项删除）。未经您确认，不会删除任何内容。",
  keepUntilNone: "尚未设定日期。",
  keepUntilMinimum: "已签署的影响评估至少保存至 {date}（《个人信息保护法》第五十六条：自批准之日起至少三年，或其答案所定的更长期限）。",
  keepUntilDate: "日期（保存至该日结束）",
  keepUntilSave: "保存日期",
  keepUntilClear: "清除",
  keepUntilSaved: "保存至 {date}。",
  dueErasureTitle: "已超过保存期限",
  dueErasureNote: "尚未删除任何内容。您可以删除该事项，或延后其日期以继续保存。",
  dueErasureClient: "客户",
  dueErasureVersion: "第 {n} 版",
  dueErasureDaysPast: "已超过 {n} 天",
  dueErasureAction: "删除…",
  dueErasureNoClient: "未归属任何客户：删除操作无法涉及",
  recoveryTitle: "恢复副本",
  recoveryIntro:
    "密码一旦遗失，任何人都无法找回。恢复副本是以另一个独立的恢复密码加密的备份：请将该文件与恢复密码分开妥善保管（例如保险柜）。恢复方式与普通备份相同。",
  recoveryPassphrase: "恢复密码",
  recoveryRepeat: "再次输入恢复密码",
  recoveryMake: "保存恢复副本…",
  recoveryMaking: "正在保存…",
  recoverySaved: "恢复副本已保存：{path}",
  eraseKeptUntil: "该事项的部分内容应保存至 {date}（其保存期限；已签署的影响评估为《个人信息保护法》第五十六条规定的最短期限）。仅在不负有保存义务时才可立即删除。",
};
