// The staff console: sign in, the queue, one conversation, and live updates.
//
// Decisions:
// - The token lives in sessionStorage: it survives a reload but not the tab, and is never in
//   a cookie, so no other site can make the browser use it.
// - Any 401 from any call ends the session here too: back to the sign-in form, saying why.
// - Every text from the server goes in with textContent, never innerHTML.
// - Live updates come from GET /staff/api/events (Server-Sent Events). EventSource cannot send
//   an Authorization header, so the stream is read with fetch() and parsed here. Until the
//   route exists (404), or while the stream is down, the queue is polled every 5 s.

const TOKEN_KEY = "pa-staff-token";
const POLL_MS = 5000;
const STREAM_RETRY_MAX_MS = 30000;
const NO_STREAM_RECHECK_MS = 60000;

const REASONS = {
  human_requested: "asked for a person",
  flow_hand_off: "handed over by a flow",
  emergency: "emergency",
};

const $ = (id) => document.getElementById(id);

const state = {
  me: null, // {id, email, practice, role}
  items: [], // the queue as shown
  listed: [], // every conversation as last listed (the queue shows some or all)
  known: null, // ids of escalations already seen, to announce new ones
  selected: 0, // index in items of the highlighted row
  openId: null, // the conversation shown on the right
  open: null, // its transcript as last fetched
  openPrint: null, // its last activity and escalation then (see poll)
  pollTimer: null,
  clockTimer: null,
  stream: null, // the AbortController of the event stream
  resume: null, // what was open when the session ended (see signOut)
  lastEventId: null,
};

// ---------------------------------------------------------------- talking to the API

class SignedOut extends Error {}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** A staff API call; the parsed JSON (or null), or throws Error(detail). A 401 signs out. */
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
  if (!res.ok) throw new Error(detail(body, res.status));
  return body;
}

function detail(body, status) {
  const d = body && body.detail;
  if (typeof d === "string") return d;
  if (Array.isArray(d) && d.length && d[0].msg) return d[0].msg; // a validation error
  return `The server answered ${status}.`;
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
  document.title = "Staff console — patient-assistant";
  $("desk").hidden = true;
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
  stopLive();
  // A session that ends mid-reply loses nothing: the same person signing in again in this tab
  // gets the conversation and the unsent text back (kept in memory only, never for another).
  // Several requests can fail with the same 401 at once (the queue, the open conversation, the
  // event stream): only the first, still signed in, saves what to come back to.
  if (state.me) {
    state.resume = state.openId
      ? { email: state.me.email, openId: state.openId, reply: $("reply").value, note: $("note").value }
      : null;
  }
  Object.assign(state, { me: null, items: [], listed: [], known: null, openId: null, open: null });
  clearConversation();
  showLogin(message);
}

function clearConversation() {
  $("conv-body").hidden = true;
  $("conv-title").textContent = "No conversation open";
  for (const id of ["conv-meta", "transcript", "notes"]) $(id).replaceChildren();
  $("reply").value = "";
  $("note").value = "";
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
    fail(new Error(res.status === 401 ? "Incorrect email or password, or the account is locked or disabled." : detail(body, res.status)));
    $("password").select();
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, (await res.json()).access_token);
  $("password").value = "";
  await start();
}

async function logout() {
  try {
    await api("/staff/api/logout", { method: "POST" });
  } catch {
    // Signed out here either way; the token expires on its own.
  }
  signOut();
  state.resume = null; // signing out on purpose leaves nothing to come back to
  say("Signed out.");
}

async function start() {
  try {
    state.me = await api("/staff/api/me");
  } catch (e) {
    if (!(e instanceof SignedOut)) showLogin(e.message);
    return;
  }
  $("login-view").hidden = true;
  $("desk").hidden = false;
  $("logout").hidden = false;
  $("who").textContent = `Signed in as ${state.me.email} (${state.me.practice})`;
  $("alert").textContent = "";
  const resume = state.resume;
  state.resume = null;
  try {
    await refreshQueue();
  } catch (e) {
    fail(e);
  }
  focusRow(0);
  if (resume && resume.email === state.me.email) {
    await openConversation(resume.openId);
    $("reply").value = resume.reply;
    $("note").value = resume.note;
  }
  // "waiting 12 min" keeps counting between updates.
  state.clockTimer = setInterval(() => {
    renderQueue();
    if (state.open) renderOpen();
  }, 30000);
  startLive();
}

// ---------------------------------------------------------------- times

function minutesBetween(a, b) {
  return Math.max(0, Math.round((b - a) / 60000));
}

function duration(min) {
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}

function clock(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
}

function when(iso) {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? clock(iso) : d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

// ---------------------------------------------------------------- the queue

async function refreshQueue() {
  // One listing serves both views (and the announcements): escalated ones come first.
  const all = await api("/staff/api/conversations?limit=200");
  const waiting = all.filter((c) => c.escalation);
  state.listed = all;
  state.items = $("show").value === "waiting" ? waiting : all;
  announceNew(waiting);
  renderQueue();
}

/** New escalations (not the first listing) are read out in the status region. */
function announceNew(waiting) {
  const ids = new Set(waiting.map((c) => c.escalation.id));
  if (state.known) {
    const fresh = waiting.filter((c) => !state.known.has(c.escalation.id));
    if (fresh.length) {
      const urgent = fresh.some((c) => c.escalation.urgency === "urgent");
      say(`${urgent ? "Urgent: " : ""}${fresh.length} new in the queue.`);
    }
  }
  state.known = ids;
}

function holderText(e) {
  if (!e || e.state !== "claimed") return e ? "not taken yet" : "";
  return e.holder === state.me.id ? "taken by you" : "taken by a colleague";
}

function rowParts(c) {
  const now = Date.now();
  const e = c.escalation;
  const parts = [];
  if (e) {
    parts.push(REASONS[e.reason] || e.reason.replaceAll("_", " "));
    parts.push(`waiting ${duration(minutesBetween(new Date(e.opened_at), now))}`);
    const due = new Date(e.due_at);
    parts.push(due < now ? `overdue by ${duration(minutesBetween(due, now))}` : `due by ${clock(e.due_at)}`);
    parts.push(holderText(e));
  } else if (c.updated_at) {
    parts.push(`with the assistant, last active ${when(c.updated_at)}`);
  }
  return parts;
}

function renderQueue() {
  const list = $("queue");
  const hadFocus = list.contains(document.activeElement);
  const selectedId = state.items[state.selected] ? state.items[state.selected].id : null;
  list.replaceChildren();
  state.items.forEach((c, i) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "row";
    b.dataset.index = String(i);
    const e = c.escalation;
    if (e && e.urgency === "urgent") b.classList.add("urgent");
    if (e && new Date(e.due_at) < Date.now()) b.classList.add("overdue");
    if (c.id === state.openId) b.setAttribute("aria-current", "true");
    const top = document.createElement("span");
    top.className = "row-top";
    if (e && e.urgency === "urgent") {
      const badge = document.createElement("strong");
      badge.className = "badge";
      badge.textContent = "URGENT";
      top.append(badge, " ");
    }
    top.append(`${c.address} · ${c.channel}`);
    const sub = document.createElement("span");
    sub.className = "row-sub";
    sub.textContent = rowParts(c).join(" · ");
    b.append(top, sub);
    b.addEventListener("click", () => openConversation(c.id));
    b.addEventListener("focus", () => (state.selected = i));
    li.append(b);
    list.append(li);
  });
  const again = state.items.findIndex((c) => c.id === selectedId);
  state.selected = again >= 0 ? again : Math.min(state.selected, Math.max(0, state.items.length - 1));
  // The tab's title says how many wait for someone to take them, seen from any other tab.
  const untaken = state.listed.filter((c) => c.escalation && c.escalation.state === "open").length;
  document.title = `${untaken ? `(${untaken}) ` : ""}Staff console — patient-assistant`;
  $("queue-empty").hidden = state.items.length > 0;
  $("queue-empty").textContent = $("show").value === "waiting" ? "No one is waiting." : "No conversations yet.";
  if (hadFocus) focusRow(state.selected);
}

function rows() {
  return Array.from($("queue").querySelectorAll("button.row"));
}

function focusRow(i) {
  const all = rows();
  if (!all.length) return;
  state.selected = Math.max(0, Math.min(i, all.length - 1));
  all[state.selected].focus();
}

// ---------------------------------------------------------------- one conversation

async function openConversation(id) {
  state.openId = id;
  try {
    await refreshOpen();
  } catch (e) {
    fail(e);
    return;
  }
  renderQueue();
  $("conversation").focus();
}

async function refreshOpen() {
  if (!state.openId) return;
  state.open = await api(`/staff/api/conversations/${encodeURIComponent(state.openId)}`);
  state.openPrint = fingerprint(state.open);
  renderOpen();
}

function renderOpen() {
  const c = state.open;
  $("conv-body").hidden = false;
  $("conv-title").textContent = `${c.address} · ${c.channel}`;
  const e = c.escalation;
  const meta = e
    ? [`${e.urgency === "urgent" ? "URGENT, " : ""}${REASONS[e.reason] || e.reason}`, ...rowParts(c).slice(1)]
    : ["With the assistant (no open escalation)"];
  $("conv-meta").textContent = meta.join(" · ");
  const mine = e && e.state === "claimed" && e.holder === state.me.id;
  $("take").disabled = !e || mine;
  $("handback").disabled = !e;
  $("close").disabled = !e;

  const list = $("transcript");
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.replaceChildren();
  for (const m of c.messages) {
    const li = document.createElement("li");
    li.className = m.direction === "in" ? "in" : "out";
    const who = document.createElement("span");
    who.className = "who-said";
    who.textContent = `${m.direction === "in" ? "Patient" : "Sent"} · ${when(m.at)}`;
    const text = document.createElement("p");
    text.textContent = m.text === null ? "(removed after the retention period)" : m.text;
    li.append(who, text);
    list.append(li);
  }
  // A newly opened one shows its latest; one being read stays where the reader is.
  if (atBottom || list.dataset.shown !== c.id) list.scrollTop = list.scrollHeight;
  list.dataset.shown = c.id;

  const notes = $("notes");
  notes.replaceChildren();
  for (const n of c.notes) {
    const li = document.createElement("li");
    const who = document.createElement("span");
    who.className = "who-said";
    who.textContent = `${n.staff_id === state.me.id ? "You" : "A colleague"} · ${when(n.at)}`;
    const text = document.createElement("p");
    text.textContent = n.text;
    li.append(who, text);
    notes.append(li);
  }
}

/** An action on the open conversation: say what happened, then show the new state. */
async function act(path, done, json) {
  if (!state.openId) return false;
  try {
    await api(`/staff/api/conversations/${encodeURIComponent(state.openId)}/${path}`, { method: "POST", json });
    say(done);
  } catch (e) {
    fail(e);
    await refreshOpen().catch(fail);
    return false;
  }
  await Promise.all([refreshOpen(), refreshQueue()]).catch(fail);
  return true;
}

async function send(event, field, path, done) {
  event.preventDefault();
  const text = $(field).value.trim();
  if (!text) {
    fail(new Error("Write something first."));
    $(field).focus();
    return;
  }
  // The text stays in the box until the server has it: a refusal loses nothing.
  if (await act(path, done, { text })) $(field).value = "";
}

// ---------------------------------------------------------------- live updates

function stopLive() {
  clearInterval(state.pollTimer);
  clearInterval(state.clockTimer);
  state.pollTimer = null;
  if (state.stream) state.stream.abort();
  state.stream = null;
}

/** Every view of a transcript is audited, so the open one is not read again on every tick:
 *  only while it is with staff (a patient's message to staff leaves no other trace in the
 *  listing), or when the listing shows it changed. The event stream makes this needless. */
async function poll() {
  try {
    await refreshQueue();
    const listed = state.listed.find((c) => c.id === state.openId);
    if (listed && (listed.escalation || fingerprint(listed) !== state.openPrint)) await refreshOpen();
  } catch (e) {
    fail(e);
  }
}

function fingerprint(c) {
  return JSON.stringify([c.updated_at, c.escalation]);
}

function setPolling(on, why) {
  $("live-state").textContent = why;
  if (on && !state.pollTimer) {
    state.pollTimer = setInterval(poll, POLL_MS);
  } else if (!on && state.pollTimer) {
    clearInterval(state.pollTimer);
    state.pollTimer = null;
  }
}

async function startLive() {
  let backoff = 1000;
  const controller = new AbortController();
  state.stream = controller;
  while (state.stream === controller) {
    const headers = { Authorization: `Bearer ${token()}`, Accept: "text/event-stream" };
    if (state.lastEventId !== null) headers["Last-Event-ID"] = state.lastEventId;
    let res = null;
    try {
      res = await fetch("/staff/api/events", { headers, signal: controller.signal });
    } catch {
      if (controller.signal.aborted) return;
    }
    if (res && res.status === 401) {
      signOut("Your session has ended (signed out, expired or idle). Please sign in again.");
      return;
    }
    if (res && res.status === 404) {
      // No event stream on this server: poll, and look again now and then.
      setPolling(true, "Updates every 5 seconds.");
      await sleep(NO_STREAM_RECHECK_MS, controller.signal);
      continue;
    }
    if (res && res.ok && res.body) {
      setPolling(false, "Live updates on.");
      backoff = 1000;
      // Anything missed while the stream was down.
      refreshQueue().catch(fail);
      refreshOpen().catch(fail);
      try {
        await readEvents(res.body, controller.signal);
      } catch {
        // Dropped: reconnect below.
      }
      if (controller.signal.aborted) return;
    }
    setPolling(true, "Live updates interrupted; updating every 5 seconds while reconnecting.");
    await sleep(backoff, controller.signal);
    backoff = Math.min(backoff * 2, STREAM_RETRY_MAX_MS);
  }
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Parses text/event-stream (lines, blank line ends an event; `:` lines are keep-alives). */
async function readEvents(body, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  signal.addEventListener("abort", () => reader.cancel().catch(() => {}));
  let buffer = "";
  let event = { type: "message", data: [], id: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop(); // an unfinished line waits for the next chunk
    for (const line of lines) {
      if (line === "") {
        if (event.id !== null) state.lastEventId = event.id;
        if (event.data.length) onEvent(event.type, event.data.join("\n"));
        event = { type: "message", data: [], id: null };
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let val = colon < 0 ? "" : line.slice(colon + 1);
      if (val.startsWith(" ")) val = val.slice(1);
      if (field === "event") event.type = val;
      else if (field === "data") event.data.push(val);
      else if (field === "id") event.id = val;
    }
  }
}

function onEvent(type, data) {
  if (type !== "conversation") return;
  let change;
  try {
    change = JSON.parse(data);
  } catch {
    return;
  }
  refreshQueue().catch(fail);
  if (change.conversation_id === state.openId) refreshOpen().catch(fail);
}

// ---------------------------------------------------------------- keys

function typing(target) {
  return target instanceof HTMLElement && target.matches("input, textarea, select");
}

function onKey(event) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target instanceof HTMLTextAreaElement) {
    event.target.form.requestSubmit(); // Ctrl+Enter sends, as in most chat tools
    event.preventDefault();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || $("desk").hidden) return;
  if (event.key === "Escape" && typing(event.target)) {
    event.target.blur();
    focusRow(state.selected);
    event.preventDefault();
    return;
  }
  if (typing(event.target)) return;
  if (event.key === "j") {
    focusRow(state.selected + (rows().includes(document.activeElement) ? 1 : 0));
  } else if (event.key === "k") {
    focusRow(state.selected - (rows().includes(document.activeElement) ? 1 : 0));
  } else if (event.key === "r" && state.open) {
    $("reply").focus();
  } else if (event.key === "Escape") {
    focusRow(state.selected);
  } else {
    return;
  }
  event.preventDefault();
}

// ---------------------------------------------------------------- wiring

$("login-form").addEventListener("submit", signIn);
$("logout").addEventListener("click", logout);
$("show").addEventListener("change", () => refreshQueue().catch(fail));
$("take").addEventListener("click", async () => {
  // The Take button is disabled once taken; the reply box is where the work goes on.
  if (await act("claim", "You have taken this conversation; the assistant stays quiet.")) $("reply").focus();
});
$("handback").addEventListener("click", () => act("handback", "Handed back: the assistant answers the patient again."));
$("close").addEventListener("click", () => act("close", "Closed."));
$("reply-form").addEventListener("submit", (e) => send(e, "reply", "messages", "Reply sent to the patient."));
$("note-form").addEventListener("submit", (e) => send(e, "note", "notes", "Note added."));
document.addEventListener("keydown", onKey);

if (token()) start();
else showLogin();
