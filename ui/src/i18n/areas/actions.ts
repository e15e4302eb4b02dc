// The UI strings of the action plan: editing an action, its link to its finding and assessment,
// and the cross-client list of what is due (issue 16).
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
  colClient: "Client",
  colAssessment: "Assessment",
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
  colClient: "客户",
  colAssessment: "评估",
};
