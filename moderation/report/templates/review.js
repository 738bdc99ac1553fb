(function () {
  "use strict";

  // Comment data is untrusted: it is only ever put into the page with textContent,
  // attribute values set through the DOM, or CSSOM properties; never as markup.
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var STORE_KEY = "moderation-review:" + data.report_id;
  var REVIEWER_KEY = "moderation-review:reviewer";
  var FORMULA_PREFIXES = ["=", "+", "-", "@", "\t", "\r"];
  var CSV_COLUMNS = ["reviewer", "time", "report_id", "comment_id", "thread_id", "label_id", "parent_label_id",
    "target", "text", "old_stance", "old_civility", "new_stance", "new_civility", "action"];

  var items = data.items;
  var itemByKey = {};
  var threadById = {};
  var threadIndex = {};
  items.forEach(function (item, i) {
    item.key = item.thread_id + "\u241f" + item.comment_id;
    item.index = i;
    itemByKey[item.key] = item;
  });
  data.threads.forEach(function (t, i) { threadById[t.thread_id] = t; threadIndex[t.thread_id] = i; });

  var decisions = {};
  var undoStack = [];
  var selected = {};
  var order = [];
  var current = null;
  var reviewer = "";
  var stanceMode = false;
  var afterReviewer = null;
  var cards = {};

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // ---- storage -------------------------------------------------------------------------

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
  }

  function loadState() {
    reviewer = (storageGet(REVIEWER_KEY) || "").trim();
    var raw = storageGet(STORE_KEY);
    if (!raw) { return; }
    try {
      var saved = JSON.parse(raw);
      var stored = saved && saved.decisions;
      if (stored && typeof stored === "object") {
        Object.keys(stored).forEach(function (key) {
          var rec = stored[key];
          if (itemByKey[key] && rec && typeof rec === "object" && typeof rec.action === "string") {
            decisions[key] = rec;
          }
        });
      }
    } catch (e) { /* a corrupt entry is ignored, not fatal */ }
  }

  function saveState() {
    storageSet(STORE_KEY, JSON.stringify({ version: 1, report_id: data.report_id, decisions: decisions }));
  }

  // ---- formatting ----------------------------------------------------------------------

  function fmt(p) { return (p === null || p === undefined) ? "–" : p.toFixed(2); }

  function severity(p) {
    if (p === null || p === undefined) { return "sev-none"; }
    if (p >= 0.8) { return "sev-4"; }
    if (p >= 0.5) { return "sev-3"; }
    if (p >= 0.35) { return "sev-2"; }
    return "sev-1";
  }

  function stanceConfidence(item) {
    var ps = [item.p_favor, item.p_against, item.p_neutral].filter(function (p) { return p !== null; });
    return ps.length ? Math.max.apply(null, ps) : null;
  }

  function labelsOf(item) {
    var d = decisions[item.key];
    return d ? { stance: d.new_stance, civility: d.new_civility } : { stance: item.stance, civility: item.civility };
  }

  // ---- cards ---------------------------------------------------------------------------

  function bar(p, className) {
    var outer = el("span", "bar " + (className || ""));
    var inner = el("span", "bar-fill");
    inner.style.width = (p === null ? 0 : Math.round(p * 100)) + "%";
    outer.appendChild(inner);
    return outer;
  }

  function buildCard(item) {
    var card = el("article", "card flag-" + item.flag);
    card.tabIndex = -1;
    card.dataset.key = item.key;
    card.setAttribute("aria-label", "Comment " + (item.position || item.comment_id));

    var side = el("div", "card-side");
    var check = el("input", "sel");
    check.type = "checkbox";
    check.title = "Select (x)";
    check.setAttribute("aria-label", "Select comment");
    check.addEventListener("click", function (ev) { ev.stopPropagation(); toggleSelect([item.key]); });
    side.appendChild(check);
    var score = el("div", "score " + severity(item.p_uncivil), fmt(item.p_uncivil));
    score.title = "Probability the comment is uncivil";
    side.appendChild(score);
    side.appendChild(el("div", "score-caption", "uncivil"));
    card.appendChild(side);

    var body = el("div", "card-body");
    var head = el("div", "card-head");
    head.appendChild(el("span", "chip flag-chip flag-" + item.flag, item.flag));
    if (item.flag_reason) { head.appendChild(el("span", "reason", item.flag_reason)); }
    var who = el("span", "who");
    who.appendChild(el("span", "author", item.author || "anonymous"));
    if (item.published) { who.appendChild(el("span", "muted", " · " + item.published)); }
    who.appendChild(el("span", "muted", " · #" + (item.position !== null ? item.position : item.comment_id)));
    if (item.parent) {
      who.appendChild(el("span", "muted", " · reply to #" + (item.parent_position !== null ? item.parent_position : item.parent)));
    }
    head.appendChild(who);
    var threadTag = el("span", "thread-tag", (threadById[item.thread_id] || {}).title || item.thread_id);
    head.appendChild(threadTag);
    body.appendChild(head);

    if (item.parent_text) {
      var quote = el("blockquote", "parent-text");
      quote.appendChild(el("span", "parent-label", "In reply to: "));
      quote.appendChild(document.createTextNode(item.parent_text));
      body.appendChild(quote);
    }

    var text = el("p", "text");
    item.segments.forEach(function (seg) {
      if (seg.length === 1) {
        text.appendChild(document.createTextNode(seg[0]));
        return;
      }
      var kind = seg[1] === null ? "hl-blocked" : (seg[1] > 0 ? "hl-up" : "hl-down");
      var mark = el("mark", kind, seg[0]);
      mark.title = seg[1] === null ? seg[2] : seg[2] + " (" + (seg[1] > 0 ? "+" : "") + seg[1].toFixed(2) + ")";
      text.appendChild(mark);
    });
    body.appendChild(text);

    var labels = el("div", "labels");
    var civ = el("span", "label-group");
    civ.appendChild(el("span", "label-name", "Civility"));
    civ.appendChild(el("span", "chip civ-chip"));
    civ.appendChild(bar(item.p_uncivil, severity(item.p_uncivil)));
    labels.appendChild(civ);
    var st = el("span", "label-group");
    st.appendChild(el("span", "label-name", "Stance"));
    st.appendChild(el("span", "chip stance-chip"));
    var probs = el("span", "probs");
    [["F", item.p_favor, "favor"], ["A", item.p_against, "against"], ["N", item.p_neutral, "neutral"]].forEach(function (p) {
      var one = el("span", "prob prob-" + p[2]);
      one.title = p[2] + " " + fmt(p[1]);
      one.appendChild(el("span", "prob-letter", p[0]));
      one.appendChild(bar(p[1], "stance-" + p[2]));
      probs.appendChild(one);
    });
    st.appendChild(probs);
    labels.appendChild(st);
    if (item.stance_target) {
      var target = el("span", "target");
      target.appendChild(el("span", "muted", "toward "));
      target.appendChild(el("q", null, item.stance_target));
      if (item.stance_target_source) { target.appendChild(el("span", "muted", " (" + item.stance_target_source + ")")); }
      labels.appendChild(target);
    }
    body.appendChild(labels);

    if (item.explanation.length) {
      var ngrams = el("div", "ngrams");
      ngrams.appendChild(el("span", "label-name", "Why"));
      item.explanation.slice(0, 8).forEach(function (pair) {
        var chip = el("span", "ngram " + (pair[1] > 0 ? "hl-up" : "hl-down"), pair[0]);
        chip.appendChild(el("span", "weight", (pair[1] > 0 ? "+" : "") + pair[1].toFixed(2)));
        ngrams.appendChild(chip);
      });
      body.appendChild(ngrams);
    }

    body.appendChild(el("div", "decision"));
    card.appendChild(body);

    var actions = el("div", "card-actions");
    [["Approve", "approve", "a"], ["Reject", "reject", "r"]].forEach(function (spec) {
      var button = el("button", spec[1], spec[0]);
      button.type = "button";
      button.title = spec[0] + " (" + spec[2] + ")";
      button.addEventListener("click", function (ev) {
        ev.stopPropagation();
        setCurrent(item.key, false);
        judge([item.key], spec[1]);
      });
      actions.appendChild(button);
    });
    var stanceButtons = el("div", "stance-buttons");
    [["F", "favor"], ["A", "against"], ["N", "neutral"]].forEach(function (spec) {
      var button = el("button", "ghost small", spec[0]);
      button.type = "button";
      button.title = "Stance: " + spec[1] + " (s then " + spec[0].toLowerCase() + ")";
      button.addEventListener("click", function (ev) {
        ev.stopPropagation();
        setCurrent(item.key, false);
        relabelStance([item.key], spec[1]);
      });
      stanceButtons.appendChild(button);
    });
    actions.appendChild(stanceButtons);
    card.appendChild(actions);

    card.addEventListener("click", function () { setCurrent(item.key, false); });
    cards[item.key] = card;
    updateCard(item.key);
    return card;
  }

  function updateCard(key) {
    var card = cards[key];
    if (!card) { return; }
    var item = itemByKey[key];
    var d = decisions[key];
    var now = labelsOf(item);
    card.classList.toggle("decided", !!d);
    ["approve", "reject", "relabel"].forEach(function (a) { card.classList.toggle("d-" + a, !!d && d.action === a); });
    card.classList.toggle("selected", !!selected[key]);
    card.querySelector(".sel").checked = !!selected[key];

    var civ = card.querySelector(".civ-chip");
    civ.textContent = now.civility || "–";
    civ.className = "chip civ-chip civ-" + (now.civility || "none") + (d && d.new_civility !== d.old_civility ? " changed" : "");
    var st = card.querySelector(".stance-chip");
    var conf = item.stance && now.stance === item.stance ? " " + fmt(stanceConfidence(item)) : "";
    st.textContent = (now.stance || "–") + conf;
    st.className = "chip stance-chip stance-" + (now.stance || "none") + (d && d.new_stance !== d.old_stance ? " changed" : "");

    var box = card.querySelector(".decision");
    box.textContent = "";
    if (!d) {
      box.appendChild(el("span", "pending", "Undecided"));
      return;
    }
    var verb = { approve: "Approved", reject: "Rejected", relabel: "Relabelled" }[d.action] || d.action;
    box.appendChild(el("span", "verdict verdict-" + d.action, verb));
    var changes = [];
    if (d.new_civility !== d.old_civility) { changes.push("civility " + (d.old_civility || "–") + " → " + d.new_civility); }
    if (d.new_stance !== d.old_stance) { changes.push("stance " + (d.old_stance || "–") + " → " + d.new_stance); }
    box.appendChild(el("span", "muted", (changes.length ? changes.join(", ") : "labels confirmed") + " · " + d.reviewer));
  }

  // ---- list: filter, sort, group -------------------------------------------------------

  function filters() {
    return {
      thread: $("f-thread").value,
      flag: $("f-flag").value,
      reason: $("f-reason").value,
      civility: $("f-civility").value,
      stance: $("f-stance").value,
      min: parseFloat($("f-min").value) || 0,
      status: $("f-status").value,
      text: $("f-text").value.trim().toLowerCase()
    };
  }

  function visible(item, f) {
    var now = labelsOf(item);
    if (f.thread && item.thread_id !== f.thread) { return false; }
    if (f.flag && item.flag !== f.flag) { return false; }
    if (f.reason && item.reason_kind !== f.reason) { return false; }
    if (f.civility && now.civility !== f.civility) { return false; }
    if (f.stance && now.stance !== f.stance) { return false; }
    if (f.min > 0 && (item.p_uncivil === null || item.p_uncivil < f.min)) { return false; }
    if (f.status === "open" && decisions[item.key]) { return false; }
    if (f.status === "done" && !decisions[item.key]) { return false; }
    if (f.text) {
      var hay = (item.text + "\n" + item.author + "\n" + item.comment_id + "\n" + item.flag_reason).toLowerCase();
      if (hay.indexOf(f.text) < 0) { return false; }
    }
    return true;
  }

  function num(p, fallback) { return p === null || p === undefined ? fallback : p; }

  function comparator(kind) {
    var pageOrder = function (a, b) {
      return (threadIndex[a.thread_id] - threadIndex[b.thread_id]) ||
        (num(a.position, 1e9) - num(b.position, 1e9)) || (a.index - b.index);
    };
    if (kind === "p_uncivil_desc") {
      return function (a, b) { return (num(b.p_uncivil, -1) - num(a.p_uncivil, -1)) || pageOrder(a, b); };
    }
    if (kind === "p_uncivil_asc") {
      return function (a, b) { return (num(a.p_uncivil, 2) - num(b.p_uncivil, 2)) || pageOrder(a, b); };
    }
    if (kind === "stance_conf_asc") {
      return function (a, b) { return (num(stanceConfidence(a), 2) - num(stanceConfidence(b), 2)) || pageOrder(a, b); };
    }
    if (kind === "reason") {
      return function (a, b) {
        return a.reason_kind < b.reason_kind ? -1 : a.reason_kind > b.reason_kind ? 1 :
          (num(b.p_uncivil, -1) - num(a.p_uncivil, -1)) || pageOrder(a, b);
      };
    }
    return pageOrder;
  }

  function threadHeader(thread, shown) {
    var head = el("header", "thread-head");
    var titleRow = el("div", "thread-title-row");
    titleRow.appendChild(el("h2", null, thread.title));
    var c = thread.counts;
    var counts = el("span", "thread-counts");
    counts.appendChild(el("span", null, thread.comment_count + " comments"));
    counts.appendChild(el("span", "n-flagged", c.flagged + " flagged"));
    counts.appendChild(el("span", "n-review", c.review + " review"));
    counts.appendChild(el("span", "n-ok", c.ok + " ok"));
    counts.appendChild(el("span", "n-shown", shown + " shown"));
    titleRow.appendChild(counts);
    head.appendChild(titleRow);
    var src = [thread.source, thread.url].filter(function (s) { return s; });
    var seen = {};
    src = src.filter(function (s) { if (seen[s]) { return false; } seen[s] = true; return true; });
    if (src.length) { head.appendChild(el("p", "thread-source", src.join(" · "))); }
    if (thread.excerpt) { head.appendChild(el("p", "thread-excerpt", thread.excerpt)); }
    return head;
  }

  function render() {
    var f = filters();
    var shown = items.filter(function (item) { return visible(item, f); });
    shown.sort(comparator($("sort").value));
    var grouped = $("group").checked;
    var list = $("list");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    document.body.classList.toggle("grouped", grouped);
    order = [];
    if (grouped) {
      var groups = [];
      var byThread = {};
      shown.forEach(function (item) {
        if (!byThread[item.thread_id]) { byThread[item.thread_id] = []; groups.push(item.thread_id); }
        byThread[item.thread_id].push(item);
      });
      groups.forEach(function (tid) {
        var section = el("section", "thread");
        section.appendChild(threadHeader(threadById[tid], byThread[tid].length));
        byThread[tid].forEach(function (item) { section.appendChild(cards[item.key]); order.push(item.key); });
        list.appendChild(section);
      });
    } else {
      var section = el("section", "thread flat");
      shown.forEach(function (item) { section.appendChild(cards[item.key]); order.push(item.key); });
      list.appendChild(section);
    }
    if (!shown.length) {
      list.appendChild(el("p", "empty", items.length ? "No comment matches these filters." : "Nothing was flagged: every comment scored OK."));
    }
    $("showing").textContent = "showing " + shown.length + " of " + items.length;
    if (order.indexOf(current) < 0) { current = null; }
    setCurrent(current || order[0] || null, false);
  }

  function setCurrent(key, scroll) {
    if (current && cards[current]) {
      cards[current].classList.remove("current");
      cards[current].removeAttribute("aria-current");
    }
    current = key;
    if (!key || !cards[key]) { return; }
    var card = cards[key];
    card.classList.add("current");
    card.setAttribute("aria-current", "true");
    if (scroll !== false || document.activeElement === document.body) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    if (!order.length) { return; }
    var i = order.indexOf(current);
    var next = i < 0 ? 0 : Math.min(order.length - 1, Math.max(0, i + step));
    setCurrent(order[next], true);
  }

  // ---- decisions -----------------------------------------------------------------------

  function record(item, stance, civility, action) {
    return {
      reviewer: reviewer,
      time: new Date().toISOString(),
      report_id: data.report_id,
      comment_id: item.comment_id,
      thread_id: item.thread_id,
      label_id: item.label_id,
      parent_label_id: item.parent_label_id,
      target: item.stance_target,
      text: item.text,
      old_stance: item.stance,
      old_civility: item.civility,
      new_stance: stance,
      new_civility: civility,
      action: action
    };
  }

  function apply(keys, change, message) {
    if (!reviewer) {
      askReviewer(function () { apply(keys, change, message); });
      return false;
    }
    keys = keys.filter(function (k) { return itemByKey[k]; });
    if (!keys.length) { return false; }
    var before = {};
    keys.forEach(function (key) {
      before[key] = decisions[key] || null;
      var item = itemByKey[key];
      var now = labelsOf(item);
      var prev = decisions[key];
      var next = change(item, now, prev ? prev.action : null);
      decisions[key] = record(item, next.stance, next.civility, next.action);
    });
    undoStack.push({ keys: keys, before: before, focus: current });
    saveState();
    keys.forEach(updateCard);
    updateProgress();
    if (message) { toast(message); }
    return true;
  }

  function judge(keys, verdict) {
    var single = keys.length === 1 && keys[0] === current;
    var done = apply(keys, function (item, now) {
      return { stance: now.stance, civility: verdict === "approve" ? "civil" : "uncivil", action: verdict };
    }, keys.length > 1 ? (verdict === "approve" ? "Approved " : "Rejected ") + keys.length + " comments" : null);
    if (done && single) { move(1); }
    return done;
  }

  function relabelStance(keys, stance) {
    return apply(keys, function (item, now, prevAction) {
      return { stance: stance, civility: now.civility, action: prevAction || "relabel" };
    }, "Stance set to " + stance);
  }

  function toggleCivility(keys) {
    return apply(keys, function (item, now, prevAction) {
      var civility = now.civility === "uncivil" ? "civil" : "uncivil";
      var action = prevAction === "approve" || prevAction === "reject"
        ? (civility === "civil" ? "approve" : "reject") : "relabel";
      return { stance: now.stance, civility: civility, action: action };
    }, null);
  }

  function undo() {
    var step = undoStack.pop();
    if (!step) { toast("Nothing to undo"); return; }
    step.keys.forEach(function (key) {
      if (step.before[key]) { decisions[key] = step.before[key]; } else { delete decisions[key]; }
      updateCard(key);
    });
    saveState();
    updateProgress();
    if (step.keys.length === 1 && order.indexOf(step.keys[0]) >= 0) {
      setCurrent(step.keys[0], true);
    } else if (step.focus && order.indexOf(step.focus) >= 0) {
      setCurrent(step.focus, true);
    }
    toast("Undone (" + step.keys.length + ")");
  }

  function toggleSelect(keys) {
    keys.forEach(function (key) {
      if (selected[key]) { delete selected[key]; } else { selected[key] = true; }
      updateCard(key);
    });
    updateSelection();
  }

  function clearSelection() {
    var keys = Object.keys(selected);
    selected = {};
    keys.forEach(updateCard);
    updateSelection();
  }

  function updateSelection() {
    var n = Object.keys(selected).length;
    $("bulkbar").hidden = n === 0;
    $("selected-count").textContent = n + " selected";
  }

  function bulk(verdict) {
    var keys = Object.keys(selected);
    if (!keys.length) { toast("Select comments with x first"); return; }
    if (judge(keys, verdict)) { clearSelection(); }
  }

  function updateProgress() {
    var decided = items.filter(function (item) { return decisions[item.key]; }).length;
    var left = items.length - decided;
    $("remaining").textContent = String(left);
    $("to-review").textContent = String(items.length);
    $("progress-bar").style.width = (items.length ? Math.round(100 * decided / items.length) : 100) + "%";
    document.title = (left ? "(" + left + ") " : "✓ ") + data.title;
  }

  // ---- export --------------------------------------------------------------------------

  function safeCell(value) {
    if (value === null || value === undefined) { return ""; }
    if (typeof value === "number") { return isFinite(value) ? String(value) : ""; }
    var s = String(value);
    if (s.length && (FORMULA_PREFIXES.indexOf(s.charAt(0)) >= 0 ||
        (s.charAt(0) === "'" && s.length > 1 && (FORMULA_PREFIXES.indexOf(s.charAt(1)) >= 0 || s.charAt(1) === "'")))) {
      return "'" + s;
    }
    return s;
  }

  function csvField(value) { return "\"" + safeCell(value).replace(/"/g, "\"\"") + "\""; }

  function exportedRecords() {
    return Object.keys(decisions).map(function (k) { return decisions[k]; })
      .sort(function (a, b) { return a.time < b.time ? -1 : a.time > b.time ? 1 : 0; });
  }

  function stamp() { return new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z"); }

  function download(name, type, text) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function exportJSON() {
    var recs = exportedRecords();
    var doc = {
      format: data.format,
      report_id: data.report_id,
      title: data.title,
      exported: new Date().toISOString(),
      reviewer: reviewer,
      model_info: data.model_info,
      decisions: recs
    };
    download("review-decisions-" + data.report_id + "-" + stamp() + ".json", "application/json",
      JSON.stringify(doc, null, 2) + "\n");
    toast("Exported " + recs.length + " decision" + (recs.length === 1 ? "" : "s") + " as JSON");
  }

  function exportCSV() {
    var recs = exportedRecords();
    var lines = [CSV_COLUMNS.map(csvField).join(",")];
    recs.forEach(function (rec) {
      lines.push(CSV_COLUMNS.map(function (c) { return csvField(rec[c]); }).join(","));
    });
    download("review-decisions-" + data.report_id + "-" + stamp() + ".csv", "text/csv;charset=utf-8",
      "\ufeff" + lines.join("\r\n") + "\r\n");
    toast("Exported " + recs.length + " decision" + (recs.length === 1 ? "" : "s") + " as CSV");
  }

  // ---- dialogs -------------------------------------------------------------------------

  var toastTimer = null;
  function toast(message) {
    var box = $("toast");
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, 2200);
  }

  function showReviewer() { $("reviewer-name").textContent = reviewer || "not set"; }

  function askReviewer(then) {
    afterReviewer = then || null;
    $("reviewer-input").value = reviewer;
    $("reviewer-dialog").hidden = false;
    $("reviewer-input").focus();
  }

  function closeReviewer() {
    $("reviewer-dialog").hidden = true;
    afterReviewer = null;
    if (current && cards[current]) { cards[current].focus({ preventScroll: true }); }
  }

  function toggleHelp(show) {
    var help = $("help");
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) { $("help-close").focus(); } else if (current && cards[current]) { cards[current].focus({ preventScroll: true }); }
  }

  // ---- keyboard ------------------------------------------------------------------------

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var target = ev.target;
    var tag = target && target.tagName;
    if (!$("reviewer-dialog").hidden) {
      if (ev.key === "Escape") { ev.preventDefault(); closeReviewer(); }
      return;
    }
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      if (ev.key === "Escape") { target.blur(); }
      return;
    }
    if (!$("help").hidden) {
      if (ev.key === "Escape" || ev.key === "?") { ev.preventDefault(); toggleHelp(false); }
      return;
    }
    if (stanceMode) {
      var stance = { f: "favor", a: "against", n: "neutral" }[ev.key];
      stanceMode = false;
      $("mode").hidden = true;
      ev.preventDefault();
      if (stance && current) { relabelStance([current], stance); }
      return;
    }
    var handled = true;
    switch (ev.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": if (current) { judge([current], "approve"); } break;
      case "r": if (current) { judge([current], "reject"); } break;
      case "A": bulk("approve"); break;
      case "R": bulk("reject"); break;
      case "s": if (current) { stanceMode = true; $("mode").hidden = false; } break;
      case "c": if (current) { toggleCivility([current]); } break;
      case "u": undo(); break;
      case "x": if (current) { toggleSelect([current]); } break;
      case "e": exportJSON(); break;
      case "E": exportCSV(); break;
      case "?": toggleHelp(true); break;
      case "Escape": clearSelection(); break;
      default: handled = false;
    }
    if (handled) { ev.preventDefault(); }
  }

  // ---- start ---------------------------------------------------------------------------

  function fillSelect(id, options) {
    var select = $(id);
    options.forEach(function (opt) {
      var o = el("option", null, opt[1]);
      o.value = opt[0];
      select.appendChild(o);
    });
  }

  function start() {
    loadState();
    fillSelect("f-thread", data.threads.map(function (t) {
      return [t.thread_id, t.title + " (" + (t.counts.flagged + t.counts.review) + ")"];
    }));
    var reasons = {};
    items.forEach(function (item) { reasons[item.reason_kind] = (reasons[item.reason_kind] || 0) + 1; });
    fillSelect("f-reason", Object.keys(reasons).sort().map(function (r) { return [r, r + " (" + reasons[r] + ")"]; }));
    items.forEach(buildCard);

    ["sort", "f-thread", "f-flag", "f-reason", "f-civility", "f-stance", "f-status", "group"].forEach(function (id) {
      $(id).addEventListener("change", function (ev) { render(); ev.target.blur(); });
    });
    ["f-min", "f-text"].forEach(function (id) { $(id).addEventListener("input", render); });
    $("export-json").addEventListener("click", exportJSON);
    $("export-csv").addEventListener("click", exportCSV);
    $("help-button").addEventListener("click", function () { toggleHelp(true); });
    $("help-close").addEventListener("click", function () { toggleHelp(false); });
    $("reviewer-button").addEventListener("click", function () { askReviewer(null); });
    $("reviewer-cancel").addEventListener("click", closeReviewer);
    $("bulk-approve").addEventListener("click", function () { bulk("approve"); });
    $("bulk-reject").addEventListener("click", function () { bulk("reject"); });
    $("bulk-clear").addEventListener("click", clearSelection);
    $("reviewer-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var name = $("reviewer-input").value.trim();
      if (!name) { return; }
      reviewer = name;
      storageSet(REVIEWER_KEY, reviewer);
      showReviewer();
      var then = afterReviewer;
      closeReviewer();
      if (then) { then(); }
    });
    document.addEventListener("keydown", onKey);

    showReviewer();
    render();
    updateProgress();
    document.body.classList.add("ready");
    if (!reviewer && items.length) { askReviewer(null); }
  }

  start();
}());
