// Which screen of the unlocked workspace is showing. Plain in-memory state: nothing about what
// the user looks at is stored outside the vault.
import type { Kind } from "../../ipc/bindings";

/** The tabs of an assessment a route may open on (the questions, with the findings, by default). */
export type AssessmentTab = "questions" | "review" | "reports";

export type Route =
  | { name: "home" }
  | { name: "clients" }
  | { name: "client"; id: string; erase?: boolean }
  | { name: "assessments" }
  | { name: "new-assessment"; clientId?: string; subjectId?: string; kind?: Kind }
  | { name: "assessment"; id: string; finding?: string; question?: string; tab?: AssessmentTab }
  | { name: "actions" }
  | { name: "settings" };

class Router {
  route = $state<Route>({ name: "home" });

  go = (route: Route) => {
    this.route = route;
  };
}

export const router = new Router();
