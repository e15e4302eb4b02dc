// The UI strings of reviewers' comments on a question in the wizard.
// `zh` is typed by `en`, so a key missing from either language is a type error.
export const en = {
  commentsToggle: "Comments",
  commentsOpenCount: "{n} open",
  commentsNone: "No comments on this question.",
  commentsNew: "New comment",
  commentsAdd: "Add comment",
  commentsAdding: "Adding…",
  commentsResolve: "Resolve",
  commentsResolved: "Resolved by {by}",
  commentsOpen: "Open",
  commentsClosed: "Comments are taken on a draft or a version in review.",
};

export const zh: typeof en = {
  commentsToggle: "审阅意见",
  commentsOpenCount: "{n} 条未处理",
  commentsNone: "此问题暂无审阅意见。",
  commentsNew: "新的审阅意见",
  commentsAdd: "添加意见",
  commentsAdding: "正在添加…",
  commentsResolve: "标记为已处理",
  commentsResolved: "已由 {by} 处理",
  commentsOpen: "未处理",
  commentsClosed: "只能在草稿或审阅中的版本上添加审阅意见。",
};
