// kinship HTML report: renders the page from the JSON data block. Model text only ever
// reaches the DOM through text nodes (textContent / createTextNode), never as markup, and
// no URL is built from data, so hostile answers cannot run code or load anything.
"use strict";
window.onerror = function (message) {
  document.body.setAttribute("data-error", String(message));
};
(function () {
  const D = JSON.parse(document.getElementById("kinship-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const app = document.getElementById("app");
  const models = D.models.map(function (m) { return m.name; });
  const N = models.length;

  // Invisible or reordering characters are shown as labelled boxes instead of acting.
  const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
  function codeLabel(ch) {
    return "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  }
  // A one-line label for SVG text and option elements: controls become U+FFFD.
  function plain(text) { return String(text).replace(CONTROL, "\uFFFD"); }
  // Appends `text` to `parent` as text nodes, controls as visible boxes.
  function appendText(parent, text) {
    text = String(text);
    let last = 0;
    text.replace(CONTROL, function (ch, offset) {
      if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
      const box = document.createElement("span");
      box.className = "ctl";
      box.textContent = codeLabel(ch);
      parent.appendChild(box);
      last = offset + ch.length;
      return ch;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) appendText(node, text);
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const key in attrs) node.setAttribute(key, String(attrs[key]));
    return node;
  }
  function fmt(value, digits) {
    return value === null || value === undefined ? "\u2013" : Number(value).toFixed(digits);
  }
  function fmtInt(value) {
    return value === null || value === undefined ? "\u2013" : Number(value).toLocaleString("en-US");
  }
  function pct(value) { return value === null ? "\u2013" : Math.round(value * 100) + "%"; }
  function section(id, title, note) {
    const s = el("section");
    s.id = id;
    s.appendChild(el("h2", "", title));
    if (note) s.appendChild(el("p", "note", note));
    app.appendChild(s);
    return s;
  }
  function stat(parent, key, value, small) {
    const box = el("div", "stat");
    box.appendChild(el("div", "k", key));
    box.appendChild(el("div", small ? "v small" : "v", value));
    parent.appendChild(box);
  }

  // ---- Run summary --------------------------------------------------------------------
  (function summary() {
    const s = section("summary", "Run summary");
    const grid = el("div", "stats");
    stat(grid, "Models", String(N));
    stat(grid, "Prompts", String(D.prompts));
    stat(grid, "Records", fmtInt(D.run.records));
    const errors = D.models.reduce(function (sum, m) { return sum + m.errors; }, 0);
    stat(grid, "Failed records", fmtInt(errors));
    stat(grid, "Status", D.run.status || "\u2013");
    stat(grid, "Suites", D.suites.map(function (x) {
      if (!x.version) return x.name;
      return x.name + (/^[0-9]/.test(x.version) ? " v" : " ") + x.version;
    }).join(", ") || "\u2013", true);
    stat(grid, "Started", D.run.started_at || "\u2013", true);
    stat(grid, "Finished", D.run.finished_at || "\u2013", true);
    stat(grid, "kinship", D.run.tool_version || "\u2013", true);
    s.appendChild(grid);
  })();

  // ---- Provenance ---------------------------------------------------------------------
  (function provenance() {
    const s = section("provenance", "Provenance verdicts");
    if (!D.provenance.length) {
      s.appendChild(el("p", "panel empty", "No provenance query in this report."));
      return;
    }
    // The rows come strongest first. Every strong or moderate pair gets its full box, and
    // at least the first kDetailed rows do; an all-pairs summary of a larger panel has
    // n(n-1) rows, so the rest go into one compact table.
    const kDetailed = 12;
    let detailed = Math.min(kDetailed, D.provenance.length);
    D.provenance.forEach(function (v, i) {
      if (v.verdict === "strong" || v.verdict === "moderate") detailed = Math.max(detailed, i + 1);
    });
    D.provenance.slice(0, detailed).forEach(function (v) {
      const box = el("div", "panel verdict");
      const h = el("h3");
      appendText(h, v.suspect);
      h.appendChild(document.createTextNode(" \u2192 "));
      appendText(h, v.candidate);
      h.appendChild(document.createTextNode(" "));
      h.appendChild(el("span", "badge neutral", v.verdict));
      box.appendChild(h);
      if (v.wording) box.appendChild(el("p", "wording", v.wording));
      box.appendChild(el("p", "", (v.rank ? "ranked " + v.rank + " \u00b7 " : "") +
        "probability " + fmt(v.probability, 3) + " \u00b7 evidence z " + fmt(v.evidence_z, 2) +
        " \u00b7 p = " + fmt(v.p_value, 4) + " \u00b7 effect " + fmt(v.effect, 3) + " (95% CI " +
        fmt(v.ci95[0], 3) + " to " + fmt(v.ci95[1], 3) + ") \u00b7 controls beaten " +
        v.controls_beaten + "/" + v.controls_total));
      if (v.reason) box.appendChild(el("p", "note", "why: " + v.reason));
      if (v.signals.length) {
        const t = el("table");
        const head = el("tr");
        ["signal", "p-value", "effect", "z", ""].forEach(function (c, i) {
          head.appendChild(el("th", i && i < 4 ? "num" : "", c));
        });
        t.appendChild(head);
        v.signals.forEach(function (sig) {
          const r = el("tr");
          r.appendChild(el("td", "", sig.name));
          r.appendChild(el("td", "num", fmt(sig.p_value, 4)));
          r.appendChild(el("td", "num", fmt(sig.effect, 3)));
          r.appendChild(el("td", "num", fmt(sig.z, 2)));
          r.appendChild(el("td", "note", sig.note));
          t.appendChild(r);
        });
        box.appendChild(t);
      }
      if (v.direction) box.appendChild(el("p", "", "direction: " + v.direction));
      [["Shared mannerisms", v.evidence_phrases], ["Identity claims", v.identity_claims]]
        .forEach(function (pair) {
          if (!pair[1].length) return;
          box.appendChild(el("h4", "", pair[0]));
          const list = el("ul");
          pair[1].forEach(function (phrase) { list.appendChild(el("li", "text", phrase)); });
          box.appendChild(list);
        });
      s.appendChild(box);
    });
    const rest = D.provenance.slice(detailed);
    if (rest.length) {
      s.appendChild(el("h4", "", "The other " + rest.length + " pairs"));
      const t = el("table", "compact-verdicts");
      const head = el("tr");
      ["suspect", "candidate", "verdict", "P", "evidence z", "p-value", "controls beaten"]
        .forEach(function (c, i) { head.appendChild(el("th", i > 2 ? "num" : "", c)); });
      t.appendChild(head);
      rest.forEach(function (v) {
        const r = el("tr");
        r.appendChild(el("td", "", v.suspect));
        r.appendChild(el("td", "", v.candidate));
        r.appendChild(el("td", "", v.verdict));
        r.appendChild(el("td", "num", fmt(v.probability, 3)));
        r.appendChild(el("td", "num", fmt(v.evidence_z, 2)));
        r.appendChild(el("td", "num", fmt(v.p_value, 4)));
        r.appendChild(el("td", "num", v.controls_beaten + "/" + v.controls_total));
        t.appendChild(r);
      });
      s.appendChild(t);
    }
    if (D.provenance_confounders.length) {
      s.appendChild(el("h4", "", "Confounders to rule out before citing any verdict"));
      const list = el("ul");
      D.provenance_confounders.forEach(function (c) { list.appendChild(el("li", "", c)); });
      s.appendChild(list);
    }
  })();

  // ---- Similarity heatmap with dendrogram ---------------------------------------------
  function colour(t) {
    // Light to dark blue; t in [0, 1].
    const a = [247, 251, 255], b = [8, 48, 107];
    const c = a.map(function (x, i) { return Math.round(x + (b[i] - x) * t); });
    return "rgb(" + c.join(",") + ")";
  }
  function drawHeatmap(holder, matrix) {
    holder.textContent = "";
    if (!N) { holder.appendChild(el("p", "empty", "No models.")); return; }
    let lo = Infinity, hi = -Infinity;
    for (let a = 0; a < N; ++a) for (let b = 0; b < N; ++b) {
      const v = matrix.values[a][b];
      if (a !== b && v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    if (lo === Infinity) { lo = 0; hi = 1; }
    if (hi - lo < 1e-9) { lo = Math.max(0, lo - 0.05); hi = lo + 0.1; }
    const cell = Math.max(16, Math.min(40, Math.floor(640 / N)));
    const labelW = 170, dendroW = 110, topH = 150;
    const gridX = dendroW + labelW, size = cell * N;
    const root = svg("svg", { width: gridX + size + 20, height: topH + size + 10, role: "img" });
    root.appendChild(svg("title", {})).textContent = "Similarity heatmap: " + plain(matrix.measure);
    const pos = [];
    matrix.order.forEach(function (m, i) { pos[m] = i; });
    // Dendrogram: each node's y is the middle of its children; x by merge height.
    const maxH = matrix.merges.reduce(function (h, m) { return Math.max(h, m[2]); }, 0) || 1;
    const nodeY = [], nodeX = [];
    for (let m = 0; m < N; ++m) { nodeY[m] = topH + pos[m] * cell + cell / 2; nodeX[m] = dendroW; }
    matrix.merges.forEach(function (merge, k) {
      const id = N + k, l = merge[0], r = merge[1];
      const x = dendroW - 4 - (merge[2] / maxH) * (dendroW - 8);
      nodeX[id] = x;
      nodeY[id] = (nodeY[l] + nodeY[r]) / 2;
      root.appendChild(svg("path", {
        d: "M" + nodeX[l] + " " + nodeY[l] + "H" + x + "V" + nodeY[r] + "H" + nodeX[r],
        fill: "none", stroke: "#7a869a", "stroke-width": 1.2
      }));
    });
    matrix.order.forEach(function (m, i) {
      const name = plain(models[m]);
      const short = name.length > 24 ? name.slice(0, 23) + "\u2026" : name;
      const row = svg("text", { x: gridX - 6, y: topH + i * cell + cell / 2 + 4, "text-anchor": "end", "font-size": 12 });
      row.textContent = short;
      root.appendChild(row);
      const cx = gridX + i * cell + cell / 2;
      const col = svg("text", { x: cx, y: topH - 6, "font-size": 12,
        transform: "rotate(-55 " + cx + " " + (topH - 6) + ")" });
      col.textContent = short;
      root.appendChild(col);
    });
    matrix.order.forEach(function (a, i) {
      matrix.order.forEach(function (b, j) {
        const v = matrix.values[a][b];
        const rect = svg("rect", { x: gridX + j * cell, y: topH + i * cell, width: cell - 1, height: cell - 1,
          fill: v === null ? "#e4e7ec" : colour(Math.min(1, Math.max(0, (v - lo) / (hi - lo)))),
          class: "cell" });
        const tip = svg("title", {});
        tip.textContent = plain(models[a]) + " \u00d7 " + plain(models[b]) + ": " +
          (v === null ? "no data" : v.toFixed(3)) + " (n = " + matrix.n[a][b] + " prompts)" +
          (a === b ? ", self-similarity" : "");
        rect.appendChild(tip);
        root.appendChild(rect);
        if (cell >= 34 && v !== null) {
          const t = svg("text", { x: gridX + j * cell + cell / 2 - 0.5, y: topH + i * cell + cell / 2 + 3.5,
            "text-anchor": "middle", "font-size": 10 });
          t.setAttribute("style", "fill:" + ((v - lo) / (hi - lo) > 0.55 ? "#fff" : "#1d2433"));
          t.textContent = v.toFixed(2);
          root.appendChild(t);
        }
      });
    });
    const wrap = el("div", "heatmap-wrap");
    wrap.appendChild(root);
    holder.appendChild(wrap);
    const legend = el("div", "legend");
    legend.appendChild(el("span", "", lo.toFixed(3)));
    const bar = svg("svg", { width: 160, height: 10 });
    for (let i = 0; i < 32; ++i) bar.appendChild(svg("rect", { x: i * 5, y: 0, width: 5, height: 10, fill: colour(i / 31) }));
    legend.appendChild(bar);
    legend.appendChild(el("span", "", hi.toFixed(3) + " \u00b7 grey: no data \u00b7 rows and columns ordered by average-linkage clustering on 1 \u2212 similarity"));
    holder.appendChild(legend);
  }
  (function heatmap() {
    const s = section("similarity", "Pairwise similarity",
      "Mean similarity over the prompts both models answered; the diagonal is each model's self-similarity between its own samples. Hover a cell for its value and n.");
    if (!D.matrices.length) { s.appendChild(el("p", "panel empty", "No similarity measures.")); return; }
    const controls = el("div", "controls");
    const label = el("label", "", "Measure");
    const select = el("select");
    select.id = "measure";
    D.matrices.forEach(function (m, i) {
      const o = el("option", "", m.measure);
      o.value = String(i);
      select.appendChild(o);
    });
    label.appendChild(select);
    controls.appendChild(label);
    const summary = el("span", "note");
    controls.appendChild(summary);
    s.appendChild(controls);
    const holder = el("div", "panel");
    s.appendChild(holder);
    function update() {
      const m = D.matrices[Number(select.value)];
      summary.textContent = plain(m.summary);
      drawHeatmap(holder, m);
    }
    select.addEventListener("change", update);
    update();
  })();

  // ---- Closest model ------------------------------------------------------------------
  (function nearest() {
    const s = section("nearest", "Closest other model, relative to the rest of the panel",
      "Excess: how much closer the model is to the candidate than the rest of the panel is, in units of each measure's spread, averaged over measures. Raw nearest ignores the rest of the panel and so favours hubs that resemble everyone.");
    if (D.nearest.insufficient_panel) {
      s.appendChild(el("p", "panel empty", "Insufficient panel: a relative answer needs at least 3 models."));
      return;
    }
    const box = el("div", "panel");
    const t = el("table");
    const head = el("tr");
    ["model", "closest", "excess", "runner-up", "margin", "raw nearest"].forEach(function (c, i) {
      head.appendChild(el("th", i === 2 || i === 4 ? "num" : "", c));
    });
    t.appendChild(head);
    D.nearest.rows.forEach(function (r) {
      const tr = el("tr");
      const signed = function (v) { return v === null ? "\u2013" : (v >= 0 ? "+" : "") + v.toFixed(2); };
      tr.appendChild(el("td", "name", r.model));
      tr.appendChild(el("td", "name", r.closest === null ? "\u2013" : r.closest));
      tr.appendChild(el("td", "num", signed(r.excess)));
      tr.appendChild(el("td", "name", r.runner_up === null ? "\u2013" : r.runner_up));
      tr.appendChild(el("td", "num", signed(r.margin)));
      tr.appendChild(el("td", "name", r.raw_nearest === null ? "\u2013" : r.raw_nearest));
      t.appendChild(tr);
    });
    box.appendChild(t);
    s.appendChild(box);
  })();

  // ---- Model cards --------------------------------------------------------------------
  function histogram(counts) {
    const w = 296, h = 64, bins = counts.length, gap = 3;
    const bw = (w - gap * (bins - 1)) / bins;
    const top = Math.max.apply(null, counts.concat([1]));
    const root = svg("svg", { width: w, height: h + 16, role: "img" });
    const edges = D.length_bin_edges;
    counts.forEach(function (c, i) {
      const bh = Math.round((c / top) * h);
      const r = svg("rect", { x: i * (bw + gap), y: h - bh, width: bw, height: Math.max(bh, 1), fill: c ? "#2457c5" : "#dde2ea", rx: 2 });
      const tip = svg("title", {});
      tip.textContent = (i === 0 ? "0" : String(edges[i - 1] + 1)) + (i < edges.length ? "\u2013" + edges[i] : "+") + " chars: " + c;
      r.appendChild(tip);
      root.appendChild(r);
      const t = svg("text", { x: i * (bw + gap) + bw / 2, y: h + 12, "text-anchor": "middle", "font-size": 9 });
      t.setAttribute("style", "fill:#5b6579");
      t.textContent = i < edges.length ? "\u2264" + edges[i] : ">" + edges[edges.length - 1];
      root.appendChild(t);
    });
    return root;
  }
  function row(card, key, value) {
    const r = el("div", "row");
    r.appendChild(el("span", "", key));
    r.appendChild(el("span", "", value));
    card.appendChild(r);
  }
  (function cards() {
    const s = section("models", "Models", "Answer length is in code points; habits are the share of ok answers that show each formatting habit.");
    const controls = el("div", "controls");
    const search = el("input");
    search.type = "search";
    search.placeholder = "Filter models by name";
    search.id = "model-filter";
    controls.appendChild(search);
    s.appendChild(controls);
    const grid = el("div", "cards");
    s.appendChild(grid);
    const habitNames = [["headings", "headings"], ["bullets", "bullet lists"], ["numbered", "numbered lists"],
      ["bold", "bold"], ["code_blocks", "code blocks"], ["tables", "tables"], ["emoji", "emoji"], ["questions", "ends with ?"]];
    const all = D.models.map(function (m) {
      const card = el("div", "card");
      const h = el("h3", "name", m.name);
      card.appendChild(h);
      const badges = el("div");
      badges.appendChild(el("span", "badge ok", m.ok + " ok"));
      badges.appendChild(document.createTextNode(" "));
      badges.appendChild(el("span", m.errors ? "badge err" : "badge neutral", m.errors + " errors"));
      card.appendChild(badges);
      card.appendChild(el("h4", "", "Answer length"));
      card.appendChild(histogram(m.length.histogram));
      row(card, "mean / p10 / median / p90", fmt(m.mean_output_chars, 0) + " / " + fmt(m.length.p10, 0) + " / " +
        fmt(m.length.p50, 0) + " / " + fmt(m.length.p90, 0));
      card.appendChild(el("h4", "", "Formatting habits"));
      habitNames.forEach(function (pair) {
        const v = m.habits[pair[0]];
        const b = el("div", "bar");
        b.appendChild(el("span", "", pair[1]));
        const track = el("div", "track");
        const fill = el("div", "fill");
        fill.setAttribute("style", "width:" + (v === null ? 0 : Math.round(v * 100)) + "%");
        track.appendChild(fill);
        b.appendChild(track);
        b.appendChild(el("span", "pct", pct(v)));
        card.appendChild(b);
      });
      card.appendChild(el("h4", "", "Usage"));
      row(card, "tokens in / out", fmtInt(m.tokens.input) + " / " + fmtInt(m.tokens.output));
      if (m.tokens.reasoning !== null) row(card, "reasoning tokens", fmtInt(m.tokens.reasoning));
      row(card, "cost", m.cost_usd === null ? "\u2013" : "$" + m.cost_usd.toFixed(4));
      row(card, "latency mean / p50 / p95", fmt(m.latency_ms.mean, 0) + " / " + fmt(m.latency_ms.p50, 0) + " / " +
        fmt(m.latency_ms.p95, 0) + " ms");
      row(card, "cached / retried", m.cached + " / " + m.retried);
      if (m.error_kinds.length) {
        card.appendChild(el("h4", "", "Errors"));
        m.error_kinds.forEach(function (k) { row(card, k.kind, String(k.count)); });
      }
      grid.appendChild(card);
      return { card: card, name: m.name.toLowerCase() };
    });
    search.addEventListener("input", function () {
      const q = search.value.toLowerCase();
      all.forEach(function (c) { c.card.style.display = c.name.indexOf(q) >= 0 ? "" : "none"; });
    });
  })();

  // ---- Word diff (LCS over word tokens) -----------------------------------------------
  const TOKEN = /\s+|[\p{L}\p{N}\p{M}_]+|[^\s\p{L}\p{N}\p{M}_]/gu;
  function tokens(text) { return String(text).match(TOKEN) || []; }
  // Marks each token of a and b as shared (true) or not. Common prefix and suffix are
  // trimmed first; a middle too large for the quadratic table is marked changed whole.
  function wordDiff(a, b) {
    const sameA = new Array(a.length).fill(false), sameB = new Array(b.length).fill(false);
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) {
      sameA[start] = sameB[start] = true; ++start;
    }
    let endA = a.length, endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
      sameA[--endA] = true; sameB[--endB] = true;
    }
    const n = endA - start, m = endB - start;
    if (n && m && n * m <= 4000000) {
      const w = m + 1, table = new Uint32Array((n + 1) * w);
      for (let i = n - 1; i >= 0; --i) {
        for (let j = m - 1; j >= 0; --j) {
          table[i * w + j] = a[start + i] === b[start + j] ? table[(i + 1) * w + j + 1] + 1
            : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
        }
      }
      let i = 0, j = 0;
      while (i < n && j < m) {
        if (a[start + i] === b[start + j]) { sameA[start + i] = sameB[start + j] = true; ++i; ++j; }
        else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) ++i;
        else ++j;
      }
    }
    return [sameA, sameB];
  }
  function renderDiff(parent, toks, same, tag) {
    // A shared space between two changed words is shown as part of the change, so a
    // changed phrase reads as one highlight rather than word-by-word fragments.
    same = same.slice();
    for (let k = 1; k + 1 < toks.length; ++k) {
      if (same[k] && !same[k - 1] && !same[k + 1] && /^\s+$/.test(toks[k])) same[k] = false;
    }
    let i = 0;
    while (i < toks.length) {
      let j = i;
      while (j < toks.length && same[j] === same[i]) ++j;
      const text = toks.slice(i, j).join("");
      if (same[i]) appendText(parent, text); else parent.appendChild(el(tag, "", text));
      i = j;
    }
  }
  window.kinshipWordDiff = function (x, y) {  // for the browser test
    const a = tokens(x), b = tokens(y), r = wordDiff(a, b);
    return [a.filter(function (t, i) { return !r[0][i]; }).join("|"), b.filter(function (t, i) { return !r[1][i]; }).join("|")];
  };

  // ---- Side by side -------------------------------------------------------------------
  (function sideBySide() {
    const s = section("answers", "Answers side by side",
      "Each prompt's answers from two models, with the words of one that the other lacks highlighted (red: only in the left answer, green: only in the right one).");
    const answers = D.answers || [];
    if (N < 1 || !answers.length) { s.appendChild(el("p", "panel empty", "No answers to compare.")); return; }
    // Default pair: the most similar pair under the first measure.
    let pa = 0, pb = N > 1 ? 1 : 0, best = -Infinity;
    if (D.matrices.length) {
      for (let a = 0; a < N; ++a) for (let b = a + 1; b < N; ++b) {
        const v = D.matrices[0].values[a][b];
        if (v !== null && v > best) { best = v; pa = a; pb = b; }
      }
    }
    const controls = el("div", "controls");
    function picker(id, label, initial) {
      const l = el("label", "", label);
      const sel = el("select");
      sel.id = id;
      models.forEach(function (name, i) {
        const o = el("option", "", plain(name));
        o.value = String(i);
        sel.appendChild(o);
      });
      sel.value = String(initial);
      l.appendChild(sel);
      controls.appendChild(l);
      return sel;
    }
    const left = picker("left-model", "Left", pa), right = picker("right-model", "Right", pb);
    const search = el("input");
    search.type = "search";
    search.id = "prompt-search";
    search.placeholder = "Search prompts and answers";
    controls.appendChild(search);
    const count = el("span", "note");
    controls.appendChild(count);
    s.appendChild(controls);
    const list = el("div");
    s.appendChild(list);
    const more = el("button", "", "Show more");
    s.appendChild(more);
    const PAGE = 25;
    let shown = PAGE;
    function answerOf(p, model) {
      for (let i = 0; i < p.answers.length; ++i) if (p.answers[i].model === model) return p.answers[i];
      return null;
    }
    function side(answer, model, toks, same, tag) {
      const box = el("div", "side");
      box.appendChild(el("div", "who", model));
      if (!answer) { box.appendChild(el("p", "text empty", "(no answer)")); return box; }
      if (!answer.ok) { box.appendChild(el("pre", "text error", "error: " + answer.text)); return box; }
      const pre = el("pre", "text");
      renderDiff(pre, toks, same, tag);
      box.appendChild(pre);
      return box;
    }
    function update() {
      list.textContent = "";
      const ma = models[Number(left.value)], mb = models[Number(right.value)];
      const q = search.value.toLowerCase();
      const matches = answers.filter(function (p) {
        if (!q) return true;
        const a = answerOf(p, ma), b = answerOf(p, mb);
        return [p.prompt, p.question, a ? a.text : "", b ? b.text : ""].some(function (t) {
          return t.toLowerCase().indexOf(q) >= 0;
        });
      });
      count.textContent = matches.length + " of " + answers.length + " prompts";
      matches.slice(0, shown).forEach(function (p) {
        const a = answerOf(p, ma), b = answerOf(p, mb);
        const box = el("div", "prompt");
        const head = el("div", "head");
        head.appendChild(el("span", "id", p.prompt));
        const ta = a && a.ok ? tokens(a.text) : [], tb = b && b.ok ? tokens(b.text) : [];
        const r = wordDiff(ta, tb);
        const words = function (t, same) {
          let all = 0, kept = 0;
          t.forEach(function (x, i) { if (/\S/.test(x)) { ++all; if (same[i]) ++kept; } });
          return [all, kept];
        };
        const wa = words(ta, r[0]), wb = words(tb, r[1]);
        if (a && a.ok && b && b.ok) {
          const share = wa[0] + wb[0] ? (wa[1] + wb[1]) / (wa[0] + wb[0]) : 1;
          head.appendChild(el("span", "share", Math.round(share * 100) + "% of words shared"));
        }
        box.appendChild(head);
        if (p.question) box.appendChild(el("div", "question")).appendChild(el("pre", "text", p.question));
        const sides = el("div", "sides");
        sides.appendChild(side(a, ma, ta, r[0], "del"));
        sides.appendChild(side(b, mb, tb, r[1], "ins"));
        box.appendChild(sides);
        list.appendChild(box);
      });
      more.style.display = matches.length > shown ? "" : "none";
    }
    left.addEventListener("change", function () { shown = PAGE; update(); });
    right.addEventListener("change", function () { shown = PAGE; update(); });
    search.addEventListener("input", function () { shown = PAGE; update(); });
    more.addEventListener("click", function () { shown += PAGE; update(); });
    update();
  })();

  document.body.setAttribute("data-ready", "1");
})();
