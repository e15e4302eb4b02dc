// The UI strings that say what a sign-off approves: the assessment as a document, never the
// processing it describes (issue 16).
// `zh` is typed by `en`, so a key missing from either language is a type error.
export const en = {
  decisionApproveDocument: "Approve this assessment (the document)",
  decisionRejectDocument: "Reject this assessment (the document)",
  signoffScope:
    "Approving signs off this assessment as a document: its answers, findings and conclusions are complete and endorsed. It does not approve or permit the processing it describes; a channel rated prohibited stays prohibited.",
  signoffApproveButton: "Sign off: approve the assessment",
  signoffRejectButton: "Sign off: reject the assessment",
  signoffApproved:
    "Signed off: this assessment (the document) is approved. The processing it describes is not approved by this; its rating stands.",
  signoffRejected: "Signed off: this assessment (the document) is rejected. Re-open it as a new version to revise it.",
};

export const zh: typeof en = {
  decisionApproveDocument: "批准本评估（评估文件本身）",
  decisionRejectDocument: "驳回本评估（评估文件本身）",
  signoffScope:
    "批准是对本评估文件的签署：确认其答案、发现项和结论完整并予认可。它并不批准或允许评估所描述的处理活动；被评为“禁止”的渠道仍然是禁止的。",
  signoffApproveButton: "签署：批准本评估",
  signoffRejectButton: "签署：驳回本评估",
  signoffApproved: "已签署：本评估（评估文件本身）已获批准。这并不代表批准其所描述的处理活动；其评级保持不变。",
  signoffRejected: "已签署：本评估（评估文件本身）已被驳回。如需修改，请重新开启为新版本。",
};
