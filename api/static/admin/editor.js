// The flow editor: sign in, the practice's flows and texts, a YAML editor checked as you type,
// a diagram of the flow, a "try it" chat against the draft, publish, history, diffs, rollback.
//
// Decisions:
// - The token lives in sessionStorage (as in the staff console): it survives a reload but not
//   the tab, and is never in a cookie. A staff-role account is told it needs an administrator.
// - Any 401 ends the session here too: back to the sign-in form, saying why.
// - Every text from the server goes in with textContent, never innerHTML; the diagram is SVG
//   made with DOM calls (the page's CSP allows no inline script or style).
// - The editor edits the latest version (the draft when it is newer than the live one): a
//   save makes a new version on top of it, as the admin API does. "Try it" talks to that
//   version in an isolated sandbox on the server; nothing reaches real patients or FHIR.
// - Validation runs 400 ms after the last keystroke (POST flows/validate); the diagram is
//   redrawn from the same text (POST flows/outline reads the YAML; the page has no YAML parser).

const TOKEN_KEY = "pa-admin-token";
const CHECK_MS = 400;
const SVG = "http://www.w3.org/2000/svg";

const $ = (id) => document.getElementById(id);

const state = {
  me: null,
  overview: null, // GET /admin/api/flows
  latest: null, // the latest version's detail (its files)
  file: null, // {kind: "flow"|"texts", name, path}
  saved: "", // the open file's source as in the latest version
  checkTimer: null,
  checkSeq: 0,
  restart: false,
};

// ---------------------------------------------------------------- talking to the API

class SignedOut extends Error {}

class Refused extends Error {
  constructor(message, errors) {
    super(message);
    this.errors = errors || [];
  }
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** An API call; the parsed JSON (or null), or throws. A 401 signs out. */
async function api(path, { method = "GET", json } = {}) {
  const headers = { Authorization: `Bearer ${token()}` };
  const init = { method, headers };
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new Error("The server cannot be reached. Check the connection and try again.");
  }
  if (res.status === 401) {
    signOut("Your session has ended (signed out, expired or idle). Please sign in again.");
    throw new SignedOut();
  }
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const d = body && body.detail;
    if (d && typeof d === "object" && !Array.isArray(d) && d.message) {
      throw new Refused(d.message, d.errors);
    }
    if (typeof d === "string") throw new Error(d);
    if (Array.isArray(d) && d.length && d[0].msg) throw new Error(d[0].msg);
    throw new Error(`The server answered ${res.status}.`);
  }
  return body;
}

// ---------------------------------------------------------------- messages to the user

function say(text) {
  $("alert").textContent = "";
  $("status").textContent = text;
}

function fail(error) {
  if (error instanceof SignedOut) return;
  $("status").textContent = "";
  $("alert").textContent = error.message || String(error);
}

// ---------------------------------------------------------------- signing in and out

function showLogin(message) {
  $("workspace").hidden = true;
  $("logout").hidden = true;
  $("who").textContent = "";
  $("login-view").hidden = false;
  if (message) {
    $("status").textContent = "";
    $("alert").textContent = message;
  }
  $("email").focus();
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  Object.assign(state, { me: null, overview: null, latest: null, file: null });
  showLogin(message);
}

async function signIn(event) {
  event.preventDefault();
  const form = new URLSearchParams({ username: $("email").value, password: $("password").value });
  let res;
  try {
    res = await fetch("/staff/api/token", { method: "POST", body: form });
  } catch {
    fail(new Error("The server cannot be reached. Check the connection and try again."));
    return;
  }
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    fail(new Error((body && typeof body.detail === "string" && body.detail) || "Sign-in failed."));
    $("password").select();
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, (await res.json()).access_token);
  $("password").value = "";
  await start();
}

async function logOut() {
  try {
    await api("/admin/api/try", { method: "DELETE" }); // its sandbox is not needed any more
    await api("/staff/api/logout", { method: "POST" });
  } catch {
    // Signed out here either way; the token expires on its own.
  }
  signOut();
  say("You are signed out.");
}

async function start() {
  try {
    state.me = await api("/staff/api/me");
  } catch (e) {
    if (!(e instanceof SignedOut)) signOut(e.message);
    return;
  }
  if (state.me.role !== "admin") {
    // Signed out at once: this token can do nothing here.
    const who = state.me.email;
    await api("/staff/api/logout", { method: "POST" }).catch(() => null);
    signOut(
      `${who} is a staff account: the flow editor needs an administrator. ` +
        "Ask an administrator of your practice to make the change, or to give you the admin role.",
    );
    return;
  }
  $("login-view").hidden = true;
  $("workspace").hidden = false;
  $("logout").hidden = false;
  $("who").textContent = `Signed in as ${state.me.email} (${state.me.practice})`;
  $("alert").textContent = "";
  try {
    await refresh();
    const first = state.latest.flows.includes("book_appointment")
      ? "book_appointment"
      : state.latest.flows[0];
    if (first) await openFile("flow", first);
    // Focus where the work starts (the sign-in button it was on is gone).
    const current = document.querySelector('.file[aria-current="true"]');
    if (current) current.focus();
  } catch (e) {
    fail(e);
  }
}

// ---------------------------------------------------------------- versions and files

/** The overview, the latest version's files and the history, all shown again. */
async function refresh() {
  state.overview = await api("/admin/api/flows");
  state.latest = await api(`/admin/api/versions/${state.overview.latest_version}`);
  renderFiles();
  renderPublish();
  await renderHistory();
}

function draftNumber() {
  return state.overview.draft_version;
}

function renderFiles() {
  const o = state.overview;
  const draft = draftNumber();
  $("versions-line").textContent =
    `Live: version ${o.live_version}. ` +
    (draft ? `Draft: version ${draft} (saved, not published).` : "No unpublished changes.");
  const changed = new Set(o.draft_changes);
  const list = (ul, kind, names) => {
    ul.replaceChildren();
    for (const name of names) {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.className = "file";
      b.dataset.kind = kind;
      b.dataset.name = name;
      const path = `${kind === "flow" ? "flows" : "texts"}/${name}.yaml`;
      b.textContent = name;
      if (changed.has(path)) {
        const tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = "changed in draft";
        b.append(" ", tag);
      }
      if (state.file && state.file.path === path) b.setAttribute("aria-current", "true");
      b.addEventListener("click", () => openFile(kind, name).catch(fail));
      li.append(b);
      ul.append(li);
    }
  };
  list($("flow-list"), "flow", state.latest.flows);
  list($("text-list"), "texts", state.latest.texts);
}

async function openFile(kind, name) {
  if (dirty() && !window.confirm("Discard the unsaved changes to this file?")) return;
  const path = `${kind === "flow" ? "flows" : "texts"}/${name}.yaml`;
  state.file = { kind, name, path };
  state.saved = state.latest.files[path] || "";
  const source = $("source");
  source.value = state.saved;
  source.disabled = false;
  $("source-label").textContent = `YAML of ${kind === "flow" ? "the flow" : "the texts"} ${name}`;
  $("file-title").textContent = `${kind === "flow" ? "Flow" : "Texts"}: ${name}`;
  $("file-meta").textContent = `As in version ${state.latest.number}. Saving makes version ${
    state.overview.latest_version + 1
  }.`;
  renderFiles();
  lines();
  updateSave();
  await check();
}

function dirty() {
  return state.file !== null && $("source").value !== state.saved;
}

function updateSave() {
  $("save").disabled = !dirty();
}

// ---------------------------------------------------------------- the editor

function lines() {
  const n = $("source").value.split("\n").length;
  const out = [];
  for (let i = 1; i <= n; i++) out.push(String(i));
  $("gutter").textContent = out.join("\n");
  $("gutter").scrollTop = $("source").scrollTop;
}

function typed() {
  lines();
  updateSave();
  clearTimeout(state.checkTimer);
  $("check-state").textContent = "Checking…";
  state.checkTimer = setTimeout(() => check().catch(fail), CHECK_MS);
}

/** The 1-based line where step `id` starts in the text (or null). */
function stepLine(text, id) {
  if (!id) return null;
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`^\\s*-\\s*id:\\s*["']?${escaped}["']?\\s*$`);
  const all = text.split("\n");
  for (let i = 0; i < all.length; i++) if (re.test(all[i])) return i + 1;
  return null;
}

function goToLine(line) {
  const source = $("source");
  const all = source.value.split("\n");
  let at = 0;
  for (let i = 0; i < line - 1 && i < all.length; i++) at += all[i].length + 1;
  source.focus();
  source.setSelectionRange(at, at + (all[line - 1] || "").length);
  // Scroll the line into view: line height from the computed style.
  const height = parseFloat(getComputedStyle(source).lineHeight) || 20;
  source.scrollTop = Math.max(0, (line - 3) * height);
  $("gutter").scrollTop = source.scrollTop;
}

async function check() {
  if (!state.file) return;
  const seq = ++state.checkSeq;
  const source = $("source").value;
  if (state.file.kind !== "flow") {
    $("check-state").textContent = "Texts are checked when saved (each key needs an en text).";
    $("problems").replaceChildren();
    drawDiagram(null, "Texts have no diagram; open a flow to see one.");
    return;
  }
  const [checked, outline] = await Promise.all([
    api("/admin/api/flows/validate", { method: "POST", json: { source, name: state.file.name } }),
    api("/admin/api/flows/outline", { method: "POST", json: { source } }),
  ]);
  if (seq !== state.checkSeq) return; // a later keystroke's check is on its way
  showProblems($("problems"), checked.errors, source);
  $("check-state").textContent = checked.valid
    ? "No problems found."
    : `${checked.errors.length} problem${checked.errors.length === 1 ? "" : "s"}: it cannot be saved as is.`;
  drawDiagram(outline.flow, outline.error);
}

/** Problems as a list: where (flow, step), what, the fix, and a link to the step's line. */
function showProblems(ul, problems, source) {
  ul.replaceChildren();
  for (const p of problems) {
    const li = document.createElement("li");
    const where = [p.flow && `flow ${p.flow}`, p.step && `step ${p.step}`].filter(Boolean).join(", ");
    const head = document.createElement("strong");
    head.textContent = where ? `${where}: ` : p.test ? `${p.test}: ` : "";
    li.append(head, p.message);
    if (p.fix) {
      const fix = document.createElement("span");
      fix.className = "fix";
      fix.textContent = ` Fix: ${p.fix}`;
      li.append(fix);
    }
    // The step's line; else the line a YAML error names ("line 12, column 3").
    const named = /line (\d+)/.exec(p.message || "");
    const line =
      source === undefined ? null : stepLine(source, p.step) || (named ? Number(named[1]) : null);
    if (line) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "link";
      b.textContent = `Go to line ${line}`;
      b.addEventListener("click", () => goToLine(line));
      li.append(" ", b);
    }
    ul.append(li);
  }
}

async function save(event) {
  event.preventDefault();
  if (!dirty()) return;
  const { kind, name } = state.file;
  const source = $("source").value;
  const note = $("note").value;
  try {
    const made = await api(`/admin/api/${kind === "flow" ? "flows" : "texts"}/${encodeURIComponent(name)}`, {
      method: "PUT",
      json: { source, note },
    });
    state.saved = source; // the new latest version holds it
    $("note").value = "";
    await refresh();
    await openFile(kind, name);
    say(`Saved as version ${made.number}, a draft: try it, then publish it.`);
  } catch (e) {
    if (e instanceof Refused) showProblems($("problems"), e.errors, source);
    fail(e);
  }
}

// ---------------------------------------------------------------- the diagram

/** Where a step goes: [{to, label}] (a step without next, end or outcomes goes on). */
function edges(steps, i) {
  const s = steps[i];
  const out = [];
  const add = (to, label) => {
    if (typeof to === "string" && to) out.push({ to, label });
  };
  if (s.outcomes && typeof s.outcomes === "object") {
    for (const [k, v] of Object.entries(s.outcomes)) add(v, k);
  }
  add(s.on_yes, "yes");
  add(s.on_no, "no");
  add(s.on_none, "none");
  if (Array.isArray(s.options)) {
    for (const o of s.options) if (o && typeof o === "object") add(o.next, o.id || o.value || "");
  }
  if (Array.isArray(s.branch)) {
    for (const c of s.branch) {
      if (!c || typeof c !== "object") continue;
      if (c.otherwise) add(c.otherwise, "otherwise");
      else if (c.if && typeof c.if === "object") add(c.next, branchLabel(c.if));
    }
  }
  // A branch, a hand-off and a flow link never fall through to the step below.
  const stops = s.end || s.outcomes || s.on_yes || s.branch || s.hand_off || s.flow;
  if (s.next) add(s.next, "");
  else if (!stops && i + 1 < steps.length) {
    out.push({ to: steps[i + 1].id, label: "" });
  }
  return out;
}

/** "service = svc-flu", "form_reason set": a branch case's condition, short. */
function branchLabel(cond) {
  const slot = cond.slot || "?";
  if ("is" in cond) return `${slot} = ${cond.is}`;
  if (Array.isArray(cond.in)) return `${slot} in ${cond.in.join(", ")}`;
  if ("set" in cond) return cond.set ? `${slot} set` : `${slot} not set`;
  return slot;
}

function kindOf(s) {
  if (s.action) return `action ${s.action}`;
  if (s.collect) return `collect ${s.collect}`;
  if (s.choose) return `choose ${s.choose}`;
  if (s.confirm) return "confirm yes/no";
  if (s.field) return `ask ${s.field}`;
  if (s.menu) return "menu";
  if (s.questionnaire) return `questionnaire ${s.questionnaire}`;
  if (s.branch) return "branch";
  if (s.hand_off) return "hand off to staff";
  if (s.flow) return `start flow ${s.flow}`;
  if (s.say) return s.end ? "say, then end" : "say";
  return "step";
}

function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Steps as boxes down a column in file order; the next step's arrow goes straight down,
 * other jumps run in lanes on the right (forward) or the left (back), labelled beyond them. */
function drawDiagram(flow, error) {
  const box = $("diagram");
  box.replaceChildren();
  const steps = flow && Array.isArray(flow.steps) ? flow.steps.filter((s) => s && s.id) : [];
  if (!steps.length) {
    const p = document.createElement("p");
    p.className = "meta";
    p.textContent = error || "This flow has no steps to draw yet.";
    box.append(p);
    return;
  }
  const W = 250;
  const H = 46;
  const GAP = 34;
  const LANE = 12; // px between lanes
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const all = [];
  steps.forEach((s, i) => {
    for (const e of edges(steps, i)) all.push({ from: i, ...e, target: index.get(e.to) });
  });
  const jumps = all.filter((e) => e.target !== undefined && e.target !== e.from + 1);
  // Lanes per side: forward jumps on the right, back jumps on the left, with their labels.
  const ahead = Math.min(10, jumps.filter((e) => e.target > e.from).length);
  const back = Math.min(8, jumps.filter((e) => e.target < e.from).length);
  const left = 16 + (back ? 130 + back * LANE : 0);
  const width = left + W + (ahead ? 30 + ahead * LANE + 150 : 16);
  const height = steps.length * (H + GAP) + 20;
  const y = (i) => 10 + i * (H + GAP);
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "group",
    "aria-label": `Diagram of the flow ${flow.id || ""}: ${steps.length} steps`,
  });
  const defs = el("defs");
  const marker = el("marker", {
    id: "arrow",
    viewBox: "0 0 10 10",
    refX: 9,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: "auto-start-reverse",
  });
  marker.append(el("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }));
  defs.append(marker);
  svg.append(defs);

  // Arrows first, so boxes sit on top of them. A box's jumps leave from points spread down
  // its side and arrive likewise, each label on its own row beside where its arrow leaves.
  const spread = (k, n) => (n <= 1 ? H / 2 : 8 + (k * (H - 16)) / (n - 1));
  const leaving = new Map();
  const arriving = new Map();
  for (const e of jumps) {
    e.k = leaving.get(e.from) || 0;
    leaving.set(e.from, e.k + 1);
    e.m = arriving.get(e.target) || 0;
    arriving.set(e.target, e.m + 1);
  }
  const lane = { ahead: 0, back: 0 };
  for (const e of all) {
    if (e.target === undefined) {
      // A jump to a step that does not exist: shown at the box, the validation names it.
      const t = el("text", { x: left + W + 8, y: y(e.from) + H - 6, class: "missing" }, `→ ${e.to}?`);
      svg.append(t);
      continue;
    }
    if (e.target === e.from + 1) {
      const x = left + W / 2;
      svg.append(el("line", { x1: x, y1: y(e.from) + H, x2: x, y2: y(e.target) - 2, class: "edge", "marker-end": "url(#arrow)" }));
      if (e.label) svg.append(el("text", { x: x + 6, y: y(e.from) + H + GAP / 2 + 4, class: "label" }, e.label));
      continue;
    }
    const forward = e.target > e.from;
    const offset = forward
      ? 18 + (lane.ahead++ % Math.max(1, ahead)) * LANE
      : 18 + (lane.back++ % Math.max(1, back)) * LANE;
    const x0 = forward ? left + W : left;
    const x1 = forward ? x0 + offset : x0 - offset;
    const ya = y(e.from) + spread(e.k, leaving.get(e.from));
    const yb = y(e.target) + spread(e.m, arriving.get(e.target));
    svg.append(el("path", { d: `M${x0},${ya} H${x1} V${yb} H${x0 + (forward ? 2 : -2)}`, class: forward ? "edge" : "edge back", "marker-end": "url(#arrow)" }));
    if (e.label) {
      // Beyond the lanes on the right (or left), on the row its arrow leaves from.
      const lx = forward ? left + W + 24 + ahead * LANE : left - 24 - back * LANE;
      const ly = y(e.from) + 10 + e.k * 14;
      svg.append(el("line", { x1: x1, y1: ya, x2: lx + (forward ? -2 : 2), y2: ly, class: "leader" }));
      svg.append(el("text", { x: lx, y: ly + 4, class: "label", "text-anchor": forward ? "start" : "end" }, `${e.label} → ${e.to}`));
    }
  }

  steps.forEach((s, i) => {
    const g = el("g", {
      class: `step${s.end ? " end" : ""}`,
      tabindex: 0,
      role: "button",
      "aria-label": `Step ${s.id}: ${kindOf(s)}${
        edges(steps, i).length
          ? `; goes to ${edges(steps, i).map((e) => (e.label ? `${e.to} (${e.label})` : e.to)).join(", ")}`
          : "; ends the flow"
      }. Show it in the YAML.`,
    });
    g.append(el("rect", { x: left, y: y(i), width: W, height: H, rx: 6 }));
    g.append(el("text", { x: left + 10, y: y(i) + 19, class: "id" }, s.id));
    g.append(el("text", { x: left + 10, y: y(i) + 37, class: "kind" }, kindOf(s) + (s.end ? " · end" : "")));
    const open = () => {
      const line = stepLine($("source").value, s.id);
      if (line) goToLine(line);
    };
    g.addEventListener("click", open);
    g.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        open();
      }
    });
    svg.append(g);
  });
  box.append(svg);
}

// ---------------------------------------------------------------- try it

function tryVersion() {
  return state.overview.latest_version;
}

function renderTryMeta() {
  const n = tryVersion();
  const what = draftNumber() ? "the draft" : "the live version";
  $("try-meta").textContent =
    `Talks to version ${n} (${what}) as a demo patient, in a private test sandbox: ` +
    "no real patient or appointment is touched.";
}

function chatLine(who, text, cls) {
  const li = document.createElement("li");
  li.className = cls;
  const w = document.createElement("span");
  w.className = "who-said";
  w.textContent = who;
  const p = document.createElement("p");
  p.textContent = text;
  li.append(w, p);
  $("chat").append(li);
  li.scrollIntoView({ block: "nearest" });
}

async function sendTry(event) {
  event.preventDefault();
  const input = $("try-input");
  const message = input.value.trim();
  if (!message) return;
  const version = tryVersion();
  if (dirty()) {
    chatLine("Editor", `Unsaved changes are not in this chat: it talks to version ${version}. Save to try them.`, "note");
  }
  chatLine("You (as the patient)", message, "in");
  input.value = "";
  $("try-send").disabled = true;
  say(`Sending to version ${version}… (the first message starts a sandbox: a few seconds)`);
  try {
    const answer = await api("/admin/api/try", {
      method: "POST",
      json: { version, message, restart: state.restart },
    });
    state.restart = false;
    if (answer.started && $("chat").children.length > 1) {
      chatLine("Editor", `A new conversation with version ${answer.version} started here.`, "note");
    }
    for (const r of answer.replies) chatLine(`Assistant (version ${answer.version})`, r, "out");
    if (!answer.replies.length) chatLine("Editor", "(no reply)", "note");
    say(`Version ${answer.version} answered.`);
  } catch (e) {
    input.value = message; // nothing typed is lost
    fail(e);
  } finally {
    $("try-send").disabled = false;
    input.focus();
  }
}

function restartTry() {
  state.restart = true;
  $("chat").replaceChildren();
  say("The next message starts a new conversation.");
  $("try-input").focus();
}

// ---------------------------------------------------------------- publish, history, rollback

function renderPublish() {
  const draft = draftNumber();
  renderTryMeta();
  const b = $("publish");
  b.disabled = !draft;
  b.textContent = draft ? `Publish version ${draft}` : "Publish";
  $("publish-meta").textContent = draft
    ? `Version ${draft} is saved but not live. Publishing runs its checks and tests first.`
    : `Version ${state.overview.live_version} is live; save a change to publish it.`;
}

async function publish() {
  const draft = draftNumber();
  if (!draft) return;
  $("publish").disabled = true;
  $("publish-problems").replaceChildren();
  say(`Publishing version ${draft}: running its checks and tests…`);
  try {
    await api(`/admin/api/versions/${draft}/publish`, { method: "POST" });
    await refresh();
    say(`Version ${draft} is live: patients get it from their next conversation.`);
  } catch (e) {
    if (e instanceof Refused) showProblems($("publish-problems"), e.errors, $("source").value);
    fail(e);
    renderPublish();
  }
}

/** Who an author or publisher id is, as far as this page knows (the API gives ids). */
function person(id) {
  if (id === "shipped") return "the shipped release";
  if (state.me && id === state.me.id) return `you (${state.me.email})`;
  return "another administrator";
}

async function renderHistory() {
  const listed = await api("/admin/api/versions");
  const ol = $("history");
  ol.replaceChildren();
  for (const v of [...listed.versions].reverse()) {
    const li = document.createElement("li");
    li.className = v.live ? "live" : "";
    const head = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = `Version ${v.number}`;
    head.append(strong);
    if (v.live) {
      const tag = document.createElement("span");
      tag.className = "tag live-tag";
      tag.textContent = "live";
      head.append(" ", tag);
    } else if (v.number === draftNumber()) {
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = "draft";
      head.append(" ", tag);
    }
    const when = new Date(v.created_at).toLocaleString();
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = `Saved by ${person(v.author)}, ${when}${v.note ? ` — ${v.note}` : ""}`;
    li.append(head, meta);
    for (const p of listed.publications.filter((x) => x.number === v.number)) {
      const pub = document.createElement("p");
      pub.className = "meta";
      const how = p.kind === "rollback" ? "Rolled back to this version" : "Published";
      pub.textContent = `${how} by ${person(p.by)}, ${new Date(p.at).toLocaleString()}`;
      li.append(pub);
    }
    const buttons = document.createElement("div");
    buttons.className = "row-buttons";
    if (v.number > 1) {
      const d = document.createElement("button");
      d.type = "button";
      d.className = "secondary";
      d.textContent = `Changes in version ${v.number}`;
      d.addEventListener("click", () => showDiff(v.number - 1, v.number).catch(fail));
      buttons.append(d);
    }
    if (v.number < listed.live_version) {
      const r = document.createElement("button");
      r.type = "button";
      r.className = "secondary";
      r.textContent = `Roll back to version ${v.number}`;
      r.addEventListener("click", () => rollback(v.number).catch(fail));
      buttons.append(r);
    }
    li.append(buttons);
    ol.append(li);
  }
}

async function showDiff(before, after) {
  const d = await api(`/admin/api/versions/diff?from=${before}&to=${after}`);
  const box = $("diff");
  box.replaceChildren();
  $("diff-title").textContent = `Changes from version ${before} to version ${after}`;
  const paths = Object.keys(d.files);
  if (!paths.length) {
    const p = document.createElement("p");
    p.textContent = "No file differs.";
    box.append(p);
  }
  for (const path of paths) {
    const pre = document.createElement("pre");
    for (const line of d.files[path].split("\n")) {
      const span = document.createElement("span");
      if (line.startsWith("+") && !line.startsWith("+++")) span.className = "added";
      else if (line.startsWith("-") && !line.startsWith("---")) span.className = "removed";
      span.textContent = line + "\n";
      pre.append(span);
    }
    box.append(pre);
  }
  $("diff-box").hidden = false;
  box.focus();
}

async function rollback(number) {
  say(`Rolling back to version ${number}…`);
  try {
    await api(`/admin/api/versions/${number}/rollback`, { method: "POST" });
    await refresh();
    if (state.file) await openFile(state.file.kind, state.file.name);
    say(`Rolled back: version ${number} is live again.`);
  } catch (e) {
    if (e instanceof Refused) showProblems($("publish-problems"), e.errors);
    fail(e);
  }
}

// ---------------------------------------------------------------- wiring

function wire() {
  $("login-form").addEventListener("submit", signIn);
  $("logout").addEventListener("click", logOut);
  const source = $("source");
  source.addEventListener("input", typed);
  source.addEventListener("scroll", () => {
    $("gutter").scrollTop = source.scrollTop;
  });
  source.addEventListener("keydown", (e) => {
    // Tab indents by two spaces (YAML); Escape then Tab leaves the editor as usual.
    if (e.key === "Tab" && !e.shiftKey && !state.escaped) {
      e.preventDefault();
      const at = source.selectionStart;
      source.setRangeText("  ", at, source.selectionEnd, "end");
      typed();
    }
    state.escaped = e.key === "Escape";
  });
  $("save-form").addEventListener("submit", save);
  $("try-form").addEventListener("submit", sendTry);
  $("try-restart").addEventListener("click", restartTry);
  $("publish").addEventListener("click", () => publish().catch(fail));
  window.addEventListener("beforeunload", (e) => {
    if (dirty()) e.preventDefault();
  });
}

wire();
if (token()) start();
else showLogin();
