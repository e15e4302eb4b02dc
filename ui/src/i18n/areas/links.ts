// The UI strings of the wizard's "Linked assessments" panel and the finding's hint toward it.
// `zh` is typed by `en`, so a key missing from either language is a type error.
export const en = {
  linksTitle: "Linked assessments",
  linksIntro: "The assessments this one rests on: a transfer assessment names the route of the data going abroad.",
  linksNone: "Nothing linked yet.",
  linksChoose: "Assessment to link",
  linksChoosePlaceholder: "Choose an assessment…",
  linksAdd: "Link",
  linksAdding: "Linking…",
  linksNothingToLink: "This client has no other assessment to link: start a transfer assessment for the same client first.",
  linksDraftOnly: "Links change only in a draft: re-open a signed version to link another assessment.",
  linksVersion: "v{n}",
  linksHint: "Link the transfer assessment under “Linked assessments”",
};

export const zh: typeof en = {
  linksTitle: "关联评估",
  linksIntro: "本评估所依据的评估：跨境传输评估确定数据出境的路径。",
  linksNone: "尚未关联任何评估。",
  linksChoose: "要关联的评估",
  linksChoosePlaceholder: "请选择评估…",
  linksAdd: "关联",
  linksAdding: "正在关联…",
  linksNothingToLink: "该客户没有其他可关联的评估：请先为同一客户新建跨境传输评估。",
  linksDraftOnly: "只有草稿可以更改关联：如需关联其他评估，请将已签署的版本重新开启。",
  linksVersion: "第 {n} 版",
  linksHint: "请在“关联评估”中关联跨境传输评估",
};
