// The UI strings of the action plan (editing an action, its link to its finding and assessment,
// the cross-client list) and of the profile asked for before the first report or sign-off
// (issue 16).
// `zh` is typed by `en`, so a key missing from either language is a type error.
export const en = {
  navActions: "Actions",
  actionsScreenTitle: "Action plan",
  actionsScreenIntro: "Every client's corrective actions, soonest due first. Overdue ones are marked.",
  actionNote: "Note",
  actionStatus: "Status",
  openAction: "Open action",
  addAnotherAction: "Add another action",
  editAction: "Edit",
  actionOfFinding: "Action: {title} ({status})",
  actionFrom: "From",
  actionOpenAssessment: "Open the assessment",
  actionSaved: "Action saved.",
  colAssessment: "Assessment",
  profilePromptTitle: "Who is this from?",
  profilePromptReport:
    "Reports name their author. Record your name, role and organisation once; they are kept in the vault and can be changed in Settings. Without them the report says \"author not recorded\".",
  profilePromptSignoff:
    "A sign-off names its signer. Record your name, role and organisation once; the signer's name is then filled in for you. They can be changed in Settings.",
  profilePromptSave: "Save and continue",
  profilePromptLater: "Not now",
};

export const zh: typeof en = {
  navActions: "整改措施",
  actionsScreenTitle: "整改计划",
  actionsScreenIntro: "所有客户的整改措施，按截止日期由近及远排列；已逾期的会标出。",
  actionNote: "备注",
  actionStatus: "状态",
  openAction: "打开措施",
  addAnotherAction: "再添加一项措施",
  editAction: "编辑",
  actionOfFinding: "整改措施：{title}（{status}）",
  actionFrom: "来源",
  actionOpenAssessment: "打开评估",
  actionSaved: "措施已保存。",
  colAssessment: "评估",
  profilePromptTitle: "以谁的名义出具？",
  profilePromptReport:
    "报告会注明编写人。请录入一次您的姓名、职务和机构；它们保存在保险库中，可在“设置”中修改。未录入时，报告将注明“未记录编写人”。",
  profilePromptSignoff:
    "签署须注明签署人。请录入一次您的姓名、职务和机构；之后将自动填入签署人姓名。可在“设置”中修改。",
  profilePromptSave: "保存并继续",
  profilePromptLater: "暂不录入",
};
