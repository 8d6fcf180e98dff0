/**
 * The dashboard's checkboxes: each is a GitHub task-list item ending in a hidden comment naming its action,
 * so ticking it in the web UI (which only flips `[ ]` to `[x]`) can be read back from the edited body.
 * Actions: `sweep` (sweep this repository now) and `pr:<remediation id>` (open a pull request for that fix).
 * https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/about-tasklists
 */

export type DashboardAction = { kind: 'sweep' } | { kind: 'pull-request'; remediation: string };

const ACTION_ID = /^(sweep|pr:[a-z0-9][a-z0-9-]{0,99})$/;
/** A task-list item of ours: `- [ ] … <!-- kubemend:action ID -->` (GitHub writes `[x]` when ticked). */
const ITEM = /^\s{0,3}[-*+] \[([ xX])\] .*<!-- kubemend:action ([^ ]+) -->\s*$/;

/** The id written in the body for an action. */
export function actionId(action: DashboardAction): string {
  return action.kind === 'sweep' ? 'sweep' : `pr:${action.remediation}`;
}

function parseActionId(id: string): DashboardAction | undefined {
  if (!ACTION_ID.test(id)) return undefined;
  return id === 'sweep' ? { kind: 'sweep' } : { kind: 'pull-request', remediation: id.slice(3) };
}

/** One checkbox line; `label` must already be escaped markdown. */
export function renderCheckbox(action: DashboardAction, label: string, ticked: boolean): string {
  return `- [${ticked ? 'x' : ' '}] ${label} <!-- kubemend:action ${actionId(action)} -->`;
}

/** The ids of the checkboxes ticked in `body` (those of kubemend's own items only). */
export function tickedActions(body: string): Set<string> {
  const ticked = new Set<string>();
  for (const line of body.split(/\r?\n/)) {
    const m = ITEM.exec(line);
    if (m && m[1] !== ' ' && m[2] && parseActionId(m[2])) ticked.add(m[2]);
  }
  return ticked;
}

/** The actions ticked in `body` that were not ticked in `previousBody` (an `issues.edited` event's before and after). */
export function newlyTicked(previousBody: string, body: string): DashboardAction[] {
  const before = tickedActions(previousBody);
  return [...tickedActions(body)].filter((id) => !before.has(id)).flatMap((id) => parseActionId(id) ?? []);
}
