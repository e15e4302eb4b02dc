// A small assessment view as core would send it, for component tests.
import type {
  FindingsSummary,
  AssessmentView,
  OutcomeView,
  ProvisionView,
  RatingBadge,
  ReviewView,
  StandingView,
} from "../../ipc/bindings";

const t = (en: string, zh: string) => ({ en, zh });

/** A settled rating badge: its wording is its label. */
export function badge(rating: RatingBadge["rating"], en: string, zh: string): RatingBadge {
  return { rating, label: t(en, zh), certainty: "settled", wording: t(en, zh) };
}

const settled: StandingView = { certainty: "settled", could_reach: null, points: [] };

export const compliantOutcome: OutcomeView = {
  ratings: { eu: null, prc: null, overall: badge("compliant", "compliant", "合规") },
  findings: [],
  unanswered_required: ["channel"],
  required_shown: 2,
  tier: null,
  coverage: null,
  standing: settled,
};

/** Nothing decisive answered: core says "undetermined" and lists the points to verify. */
export const undeterminedOutcome: OutcomeView = {
  ...compliantOutcome,
  ratings: {
    eu: null,
    prc: null,
    overall: {
      rating: "compliant",
      label: t("compliant", "合规"),
      certainty: "undetermined",
      wording: t("undetermined; 1 point to verify", "尚未确定；待核实 1 项"),
    },
  },
  standing: {
    certainty: "undetermined",
    could_reach: null,
    points: [{ question_id: "channel", text: t("Channel?", "渠道？"), rules: ["r1"] }],
  },
};

export const prohibitedOutcome: OutcomeView = {
  ratings: {
    eu: null,
    prc: badge("prohibited", "prohibited", "禁止"),
    overall: badge("prohibited", "prohibited", "禁止"),
  },
  findings: [
    {
      id: "prescreen:channel:BUY",
      severity: "critical",
      regime: "both",
      title: t("Channel pre-screen default: Bought list", "渠道预筛默认风险：购买名单"),
      explanation: t("Typical risk.", "典型风险。"),
      recommendation: t("Answer the key questions: provenance", "回答关键问题：provenance"),
      theme: null,
      cleared_by_link: null,
      cite: ["PIPL-10"],
    },
  ],
  unanswered_required: ["provenance"],
  required_shown: 3,
  tier: null,
  coverage: null,
  standing: settled,
};

export const attestationKeys = [
  "processing_accurate",
  "risks_understood",
  "actions_endorsed",
  "implementation_committed",
];

export function review(overrides: Partial<ReviewView> = {}): ReviewView {
  return {
    sign_offs: [],
    attestations: attestationKeys.map((key, i) => ({
      key,
      label: t(`Attestation ${i + 1}`, `声明${i + 1}`),
    })),
    previous_version_id: null,
    newer_version_id: null,
    default_name: "Wang Li",
    default_role: "DPO",
    ...overrides,
  };
}

/** The view with the assessment's status (and editability) changed. */
export function withStatus(status: AssessmentView["assessment"]["status"], overrides: Partial<AssessmentView> = {}) {
  const base = view(overrides);
  return {
    ...base,
    editable: status === "draft",
    takes_comments: status === "draft" || status === "in_review",
    assessment: { ...base.assessment, status },
  };
}

/** Core's summary of an outcome's findings, as simply as a fixture needs: one group of all. */
export function summaryOf(outcome: OutcomeView): FindingsSummary {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of outcome.findings) counts[f.severity] += 1;
  const ids = outcome.findings.map((f) => f.id);
  return {
    counts,
    groups: ids.length > 0 ? [{ key: "lawful-basis", title: t("Lawful basis", "合法性基础"), worst: outcome.findings[0]?.severity ?? "info", findings: ids }] : [],
    fix_first: outcome.findings.filter((f) => f.severity === "critical" || f.severity === "high").map((f) => f.id),
  };
}

export function view(overrides: Partial<AssessmentView> = {}): AssessmentView {
  return {
    assessment: {
      id: "a1",
      kind: "data_source",
      template_id: "data-source",
      title: "Bought list",
      client_id: "c1",
      client_name: "华东贸易",
      data_source_id: null,
      vendor_id: null,
      status: "draft",
      version: 1,
      previous_id: null,
      rating: compliantOutcome.ratings.overall,
      findings: 0,
      unanswered_required: 1,
      updated_at: "2026-01-01T00:00:00.000Z",
    },
    template_title: t("Data-source assessment", "数据来源评估"),
    template_version: "1.1.0",
    sections: [
      {
        id: "prescreen",
        title: t("Channel pre-screen", "渠道预筛"),
        description: null,
        shown: 2,
        answered: 0,
        questions: [
          {
            id: "channel",
            kind: "single_choice",
            text: t("Which kind of channel?", "渠道属于哪一类？"),
            help: t("Choose by how numbers are obtained.", "按取得号码的方式选择。"),
            required: true,
            cite: ["PIPL-10"],
            options: [],
            choices: [
              { value: "BUY", label: t("Purchased list", "购买名单"), help: null },
              { value: "WEB", label: t("Own website", "自有网站"), help: null },
            ],
            unit: null,
            columns: [],
            catalogue: [],
          },
          {
            id: "provenance",
            kind: "ynp",
            text: t("Can every number be traced?", "能否逐条追溯来源？"),
            help: null,
            required: true,
            cite: [],
            options: ["yes", "no"],
            choices: [],
            unit: null,
            columns: [],
            catalogue: [],
          },
          {
            id: "volume",
            kind: "number",
            text: t("How many people?", "涉及多少人？"),
            help: null,
            required: false,
            cite: [],
            options: [],
            choices: [],
            unit: t("people", "人"),
            columns: [],
            catalogue: [],
          },
        ],
      },
      {
        id: "scope",
        title: t("Applicable regimes", "适用法域"),
        description: null,
        shown: 1,
        answered: 0,
        questions: [
          {
            id: "regime",
            kind: "ynp",
            text: t("Does the PIPL apply?", "是否适用《个人信息保护法》？"),
            help: null,
            required: true,
            cite: [],
            options: ["yes", "no", "partial", "na"],
            choices: [],
            unit: null,
            columns: [],
            catalogue: [],
          },
        ],
      },
    ],
    shown: ["channel", "volume", "regime"],
    answers: {},
    answer_versions: {},
    outcome: compliantOutcome,
    findings_summary: summaryOf(overrides.outcome ?? compliantOutcome),
    citations: { "PIPL-10": t("PIPL Art. 10", "《个人信息保护法》第十条") },
    likelihood_labels: [],
    severity_labels: [],
    editable: true,
    takes_comments: true,
    review: review(),
    risk_map: null,
    evidence: [],
    transfer_route: null,
    linked_transfers: [],
    ...overrides,
  };
}

export const provision: ProvisionView = {
  key: "PIPL-10",
  article: t("PIPL Art. 10", "《个人信息保护法》第十条"),
  title: t("No illegal collection or trading", "不得非法收集、买卖"),
  gist: t("No one may illegally buy, sell or provide personal information.", "任何组织、个人不得非法买卖、提供个人信息。"),
  verify: true,
  status: "unverified",
  source: "http://www.npc.gov.cn/npc/c30834/202108/a8c4e3672c74491a80b53a172bb753fe.shtml",
  checked: null,
  note: null,
  differences: [
    {
      id: "lists",
      title: t("Bought lists", "购买名单"),
      explanation: t("The PIPL forbids illegal trading outright.", "《个人信息保护法》明确禁止非法买卖。"),
      gdpr: ["GDPR-14"],
      pipl: ["PIPL-10"],
    },
  ],
};
