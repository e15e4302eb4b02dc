// The assessment being answered. Every answer goes to core through `save_answer`, one at a time
// and in order; core returns the fresh view (shown questions, findings, ratings), which replaces
// the one on screen. What the user gave but core has not confirmed stays in `pending`, so a
// failed save never loses it: the field keeps the value and the error says so, with a retry.
// Each save carries the version of the answer the view on screen was read with, so that a
// colleague's save since is refused (`stale`) rather than overwritten: then the screen offers to
// reload the assessment instead of a retry, which would only be refused again.
import type { AnswerValue, AssessmentView, CommentThread, QuestionView, SectionView } from "../../ipc/bindings";
import { getAssessment, listComments, saveAnswer } from "../../ipc/commands";
import { toUiError, type UiError } from "../../ipc/errors";

export type SaveState = "idle" | "saving" | "saved" | "error";

export class Wizard {
  /** Core's view, always replaced whole (never changed in place), so it is kept raw: a deep
   * proxy made every read of a 300-question view's arrays go through a signal. */
  view = $state.raw<AssessmentView | null>(null);
  loadError = $state<UiError | null>(null);
  sectionId = $state<string | null>(null);
  saveState = $state<SaveState>("idle");
  saveError = $state<UiError | null>(null);
  /** Values given but not yet confirmed by core (or refused by it), by question id. */
  pending = $state<Record<string, AnswerValue | null>>({});
  /** Reviewers' comments by question (core's threads: open first). */
  comments = $state.raw<CommentThread[]>([]);
  commentsError = $state<UiError | null>(null);
  private queue: Promise<void> = Promise.resolve();
  private inFlight = 0;

  async load(id: string) {
    this.loadError = null;
    try {
      this.view = await getAssessment(id);
      void this.loadComments();
      if (!this.sectionId || !this.visibleSections.some((s) => s.id === this.sectionId)) {
        this.sectionId = this.visibleSections[0]?.id ?? null;
      }
    } catch (caught) {
      this.loadError = toUiError(caught);
    }
  }

  /** The ids of the questions core shows, computed once per view rather than searched per question. */
  private readonly shownIds = $derived(new Set(this.view?.shown ?? []));

  /** Every question of the questionnaire by id, once per view. */
  private readonly questionsById = $derived(
    new Map((this.view?.sections ?? []).flatMap((s) => s.questions.map((q) => [q.id, q] as const))),
  );

  /** Sections with at least one question shown for the current answers. */
  readonly visibleSections: SectionView[] = $derived(
    (this.view?.sections ?? []).filter((s) => s.questions.some((q) => this.shownIds.has(q.id))),
  );

  readonly section: SectionView | null = $derived(
    this.visibleSections.find((s) => s.id === this.sectionId) ?? this.visibleSections[0] ?? null,
  );

  /** Required questions answered of those shown (core's count): optional ones never hold it back. */
  get progress(): { answered: number; shown: number } {
    const outcome = this.view?.outcome;
    if (!outcome) return { answered: 0, shown: 0 };
    return { answered: outcome.required_shown - outcome.unanswered_required.length, shown: outcome.required_shown };
  }

  /** Reads the comments again (after a load, an added or a resolved comment). */
  async loadComments() {
    const view = this.view;
    if (!view) return;
    try {
      this.comments = (await listComments(view.assessment.id)) ?? [];
      this.commentsError = null;
    } catch (caught) {
      this.commentsError = toUiError(caught);
    }
  }

  /** The comment thread of one question, if it has comments. */
  thread(questionId: string): CommentThread | null {
    return this.comments.find((t) => t.question_id === questionId) ?? null;
  }

  /** A question of the assessment's questionnaire, by id. */
  question(questionId: string): QuestionView | null {
    return this.questionsById.get(questionId) ?? null;
  }

  isShown(questionId: string): boolean {
    return this.shownIds.has(questionId);
  }

  /** What a field shows: the value waiting to be saved, else the saved answer. */
  value(questionId: string): AnswerValue | null {
    if (questionId in this.pending) return this.pending[questionId] ?? null;
    return this.view?.answers[questionId] ?? null;
  }

  /** Saves one answer; `null` clears it. Saves run one after another, in the order given. */
  save(questionId: string, value: AnswerValue | null): Promise<void> {
    const view = this.view;
    if (!view) return Promise.resolve();
    this.pending = { ...this.pending, [questionId]: value };
    this.saveState = "saving";
    this.saveError = null;
    this.inFlight += 1;
    const assessmentId = view.assessment.id;
    const run = async () => {
      // Read when the save runs, not when it was asked for: an earlier save of the same answer
      // in the queue has moved its version on, and its fresh view holds the new one.
      const version = this.view?.answer_versions[questionId] ?? "";
      const request = { assessment_id: assessmentId, question_id: questionId, value, version };
      try {
        const fresh = await saveAnswer(request);
        this.view = fresh;
        if (this.pending[questionId] === value) {
          const { [questionId]: _done, ...rest } = this.pending;
          this.pending = rest;
        }
        if (this.saveState !== "error") this.saveState = this.inFlight > 1 ? "saving" : "saved";
      } catch (caught) {
        this.saveError = toUiError(caught);
        this.saveState = "error";
      } finally {
        this.inFlight -= 1;
      }
    };
    this.queue = this.queue.then(run);
    return this.queue;
  }

  /** After a stale save: drops the values core refused and reads the assessment again, as it now
   * stands, so the user sees the colleague's answer before giving his own again. */
  async reload(): Promise<void> {
    const view = this.view;
    if (!view) return;
    await this.queue;
    this.pending = {};
    this.saveState = "idle";
    this.saveError = null;
    await this.load(view.assessment.id);
  }

  /** Tries again every answer that is still waiting. */
  retry(): Promise<void> {
    const waiting = Object.entries(this.pending);
    this.saveState = "idle";
    this.saveError = null;
    return Promise.all(waiting.map(([q, v]) => this.save(q, v))).then(() => {});
  }

  goTo(sectionId: string) {
    this.sectionId = sectionId;
  }

  step(delta: number) {
    const sections = this.visibleSections;
    const index = sections.findIndex((s) => s.id === this.section?.id);
    const next = sections[index + delta];
    if (next) this.sectionId = next.id;
  }
}
