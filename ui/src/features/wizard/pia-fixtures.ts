// A PIA's risk section as core would send it (register columns, catalogue, heat map, evidence),
// for the group, heat-map and evidence component tests.
import type {
  AnswerValue,
  AssessmentView,
  EvidenceInfo,
  QuestionView,
  RiskLevel,
  RiskMapView,
  RiskView,
} from "../../ipc/bindings";
import { view } from "./fixtures";

const t = (en: string, zh: string) => ({ en, zh });

const levels4 = (names: [string, string][]) => names.map(([en, zh]) => t(en, zh));

export const likelihoodLabels = levels4([
  ["Low", "低"],
  ["Medium", "中"],
  ["High", "高"],
  ["Very high", "很高"],
]);
export const severityLabels = levels4([
  ["Low", "低"],
  ["Medium", "中"],
  ["High", "高"],
  ["Severe", "严重"],
]);

export const register: QuestionView = {
  id: "pia10_risks",
  kind: "group",
  text: t("Risk register", "风险清单"),
  help: t("Start from the catalogue.", "可从风险目录中选取。"),
  required: true,
  cite: [],
  options: [],
  choices: [],
  unit: null,
  columns: [
    { id: "title", kind: "text", label: t("Risk", "风险"), required: true, options: [], choices: [] },
    {
      id: "category",
      kind: "single_choice",
      label: t("Category", "类别"),
      required: true,
      options: [],
      choices: [
        { value: "illegitimate_access", label: t("Illegitimate access", "非法访问"), help: null },
        { value: "other", label: t("Other", "其他"), help: null },
      ],
    },
    { id: "impact", kind: "severity", label: t("Impact", "影响程度"), required: false, options: [], choices: [] },
    { id: "likelihood", kind: "likelihood", label: t("Likelihood", "可能性"), required: true, options: [], choices: [] },
    { id: "measures", kind: "text", label: t("Measures", "措施"), required: false, options: [], choices: [] },
    {
      id: "residual_likelihood",
      kind: "likelihood",
      label: t("Residual likelihood", "剩余可能性"),
      required: false,
      options: [],
      choices: [],
    },
  ],
  catalogue: [
    {
      label: t("CRM account taken over", "CRM账号被盗用"),
      en: { title: "CRM account taken over", category: "illegitimate_access", measures: "Multi-factor authentication" },
      zh: { title: "CRM账号被盗用", category: "illegitimate_access", measures: "多因素认证" },
    },
    {
      label: t("Leaked list used for fraud", "名单泄露后被用于诈骗"),
      en: { title: "Leaked list used for fraud", category: "illegitimate_access", measures: "Encryption" },
      zh: { title: "名单泄露后被用于诈骗", category: "illegitimate_access", measures: "加密存储" },
    },
  ],
};

export const evidenceQuestion: QuestionView = {
  id: "pia11_measures_evidence",
  kind: "evidence",
  text: t("Evidence that the measures are in place", "措施落实的证据"),
  help: null,
  required: false,
  cite: [],
  options: [],
  choices: [],
  unit: null,
  columns: [],
  catalogue: [],
};

// GB/T 39335 D.5: cells[impact-1][likelihood-1].
const L = "low" as RiskLevel;
const M = "medium" as RiskLevel;
const H = "high" as RiskLevel;
const S = "severe" as RiskLevel;
export const matrix: RiskLevel[][] = [
  [L, L, M, M],
  [L, M, M, H],
  [M, M, H, S],
  [M, H, S, S],
];

export function riskMap(risks: RiskView[] = []): RiskMapView {
  return {
    question_id: "pia10_risks",
    cells: matrix,
    levels: [
      { level: "low", label: t("Low", "低") },
      { level: "medium", label: t("Medium", "中") },
      { level: "high", label: t("High", "高") },
      { level: "severe", label: t("Severe (very high)", "严重") },
    ],
    risks,
    verify: true,
  };
}

export const savedRisk = {
  title: "CRM account taken over",
  category: "illegitimate_access",
  impact: 3,
  likelihood: 3,
  residual_likelihood: 1,
};

/** Risk 1 as core places it: 3×3 high before, 3×1 medium after. */
export const placedRisk: RiskView = {
  number: 1,
  title: "CRM account taken over",
  category: t("Illegitimate access", "非法访问"),
  before: { impact: 3, likelihood: 3, level: "high" },
  after: { impact: 3, likelihood: 1, level: "medium" },
};

export const evidenceFile: EvidenceInfo = {
  id: "e1",
  question_id: "pia11_measures_evidence",
  file_name: "mfa-settings.png",
  size: 204800,
  sha256: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
  added_by: "Wang Li",
  added_at: "2026-01-02T03:04:05.000Z",
};

/** A PIA draft on its risk section, with `answers` and core's map of them. */
export function piaView(
  overrides: Partial<AssessmentView> = {},
  answers: Record<string, AnswerValue> = {},
  risks: RiskView[] = [],
): AssessmentView {
  const base = view();
  return {
    ...base,
    assessment: { ...base.assessment, kind: "pia", template_id: "pia", title: "Loyalty PIA" },
    template_title: t("PIA", "个人信息保护影响评估"),
    sections: [
      {
        id: "risks",
        title: t("Risk register and measures", "风险清单与措施"),
        description: null,
        shown: 1,
        answered: Object.keys(answers).length,
        questions: [register, evidenceQuestion],
      },
    ],
    shown: ["pia10_risks", "pia11_measures_evidence"],
    answers,
    likelihood_labels: likelihoodLabels,
    severity_labels: severityLabels,
    risk_map: riskMap(risks),
    ...overrides,
  };
}
