// Every fixed string of the UI, in both languages, one file per area under `areas/`. Each area
// types its `zh` by its `en`, so a key missing from either language is a type error; a unit test
// also checks that the Chinese is Chinese.
import * as actions from "./areas/actions";
import * as app from "./areas/app";
import * as comments from "./areas/comments";
import * as desk from "./areas/desk";
import * as links from "./areas/links";
import * as retention from "./areas/retention";
import * as settings from "./areas/settings";
import * as signoff from "./areas/signoff";
import * as team from "./areas/team";
import * as wizard from "./areas/wizard";

export const en = { ...app.en, ...desk.en, ...settings.en, ...wizard.en, ...retention.en, ...actions.en, ...signoff.en, ...links.en, ...team.en, ...comments.en };

export type Messages = typeof en;
export type MessageKey = keyof Messages;

export const zh: Messages = { ...app.zh, ...desk.zh, ...settings.zh, ...wizard.zh, ...retention.zh, ...actions.zh, ...signoff.zh, ...links.zh, ...team.zh, ...comments.zh };

export const messages = { en, zh } as const;
