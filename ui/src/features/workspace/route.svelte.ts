// Which screen of the unlocked workspace is showing. Plain in-memory state: nothing about what
// the user looks at is stored outside the vault.
import type { Kind } from "../../ipc/bindings";

export type Route =
  | { name: "home" }
  | { name: "clients" }
  | { name: "client"; id: string; erase?: boolean }
  | { name: "assessments" }
  | { name: "new-assessment"; clientId?: string; subjectId?: string; kind?: Kind }
  | { name: "assessment"; id: string; finding?: string }
  | { name: "actions" }
  | { name: "settings" };

class Router {
  route = $state<Route>({ name: "home" });

  go = (route: Route) => {
    this.route = route;
  };
}

export const router = new Router();
