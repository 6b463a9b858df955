// semcache dashboard: polls /dashboard/data and draws totals, charts, the gallery and partitions. No dependencies.
"use strict";
(() => {
  const REFRESH_MS = 3000;
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";

  const el = (tag, attrs, ...children) => {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };

  const num = (n) => Number(n).toLocaleString("en-US");
  const pct = (x) => (x * 100).toFixed(1) + "%";
  const bytes = (b) => {
    const units = ["B", "KB", "MB", "GB", "TB"];
    let i = 0;
    while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
    return (i === 0 ? b : b.toFixed(1)) + " " + units[i];
  };
  const duration = (s) => s < 60 ? s.toFixed(1) + " s" : s < 3600 ? (s / 60).toFixed(1) + " min" : (s / 3600).toFixed(1) + " h";

  function lineChart(svg, series, options) {
    const w = 590, h = 180, left = 40, bottom = 16, top = 8;
    const max = options.max ?? Math.max(1, ...series.flatMap((s) => s.values.filter((v) => v !== null)));
    svg.replaceChildren();
    for (const f of [0, 0.5, 1]) {
      const y = top + (h - top - bottom) * (1 - f);
      svg.append(el("svg:line", { x1: left, x2: w, y1: y, y2: y, class: "grid" }));
      svg.append(el("svg:text", { x: 2, y: y + 4 }, options.label(max * f)));
    }
    for (const s of series) {
      const n = s.values.length;
      let d = "";
      let pen = false;
      s.values.forEach((v, i) => {
        if (v === null) { pen = false; return; }
        const x = left + (w - left) * (n === 1 ? 1 : i / (n - 1));
        const y = top + (h - top - bottom) * (1 - Math.min(v, max) / max);
        d += (pen ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1) + " ";
        pen = true;
      });
      if (d) svg.append(el("svg:path", { d, fill: "none", stroke: s.color, "stroke-width": 2, "vector-effect": "non-scaling-stroke" }));
      // Lone points (one busy interval between quiet ones) would be invisible as a path: mark every point.
      s.values.forEach((v, i) => {
        if (v === null) return;
        const x = left + (w - left) * (n === 1 ? 1 : i / (n - 1));
        const y = top + (h - top - bottom) * (1 - Math.min(v, max) / max);
        svg.append(el("svg:circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 4, fill: s.color }));
      });
    }
  }

  function render(data) {
    const t = data.totals;
    $("total-requests").textContent = num(t.requests);
    $("total-hit-rate").textContent = pct(t.hit_rate);
    $("total-exact").textContent = num(t.exact_hits);
    $("total-semantic").textContent = num(t.semantic_hits);
    $("total-misses").textContent = num(t.misses);
    $("total-errors").textContent = num(t.origin_errors);
    $("total-saved").textContent = duration(t.origin_seconds_saved);
    $("total-stored").textContent = bytes(t.bytes_stored);
    $("total-stored-count").textContent = "(" + num(t.stored) + " images)";
    const r = data.review;
    $("total-false-hit-count").textContent = "(" + num(r.false_hits) + " of " + num(r.labelled_hits) + ")";
    $("total-false-hit-rate").textContent = r.false_hit_rate === null ? "–" : pct(r.false_hit_rate);
    $("total-false-hit-interval").textContent = r.interval_low === null ? "no labels yet" : "95%: " + pct(r.interval_low) + " – " + pct(r.interval_high);
    $("shadow-card").hidden = data.semantic_mode !== "shadow";
    $("total-would-hit").textContent = r.would_hit_rate === null ? "–" : pct(r.would_hit_rate);
    const health = $("health");
    health.textContent = data.health;
    health.className = "badge " + data.health;
    health.title = Object.entries(data.failures || {}).map(([k, v]) => k + ": " + v).join("\n");
    $("meta").textContent = data.embedder + " · threshold " + data.threshold.toFixed(2) + " · queues " + data.store_queue + "/" + data.index_queue;
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
    for (const span of document.querySelectorAll(".interval")) span.textContent = data.interval_seconds;

    const css = getComputedStyle(document.documentElement);
    const color = (name) => css.getPropertyValue(name).trim();
    // Start at the first busy interval (at least a minute back), so a young server's charts are not all empty space.
    const first = data.series.findIndex((p) => p.requests > 0);
    const points = data.series.slice(Math.max(0, Math.min(first < 0 ? Infinity : first, data.series.length - 12)));
    lineChart($("chart-hits"), [
      { color: color("--exact"), values: points.map((p) => p.requests ? p.exact_hits / p.requests : null) },
      { color: color("--semantic"), values: points.map((p) => p.requests ? p.semantic_hits / p.requests : null) },
    ], { max: 1, label: (v) => Math.round(v * 100) + "%" });
    lineChart($("chart-latency"), [
      { color: color("--exact"), values: points.map((p) => p.hit_ms) },
      { color: color("--miss"), values: points.map((p) => p.miss_ms) },
    ], { label: (v) => v < 10 ? v.toFixed(1) : Math.round(v) });

    const gallery = $("gallery");
    gallery.replaceChildren(...data.recent_semantic_hits.map((h) => el("article", { class: "shot", "data-sha": h.sha256 },
      el("img", { src: h.image, alt: h.matched_prompt, loading: "lazy" }),
      el("div", {},
        el("p", { class: "requested" }, el("b", {}, "requested "), h.prompt),
        el("p", { class: "matched" }, el("b", {}, "matched "), h.matched_prompt),
        el("p", {}, el("b", {}, "similarity "), el("span", { class: "sim" }, h.similarity.toFixed(4)), " · " + new Date(h.at).toLocaleTimeString())))));
    $("gallery-empty").hidden = data.recent_semantic_hits.length > 0;

    $("partitions").tBodies[0].replaceChildren(...data.partitions.map((p) => el("tr", {},
      el("td", { title: p.partition }, p.description ? p.description : p.partition.slice(0, 12) + "…"),
      el("td", { class: "num" }, num(p.entries)))));
    $("partitions-error").textContent = data.partitions_error || "";
  }

  async function refresh() {
    try {
      const response = await fetch("/dashboard/data", { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error("HTTP " + response.status);
      render(await response.json());
    } catch (e) {
      $("updated").textContent = "update failed: " + e.message;
    } finally {
      setTimeout(refresh, REFRESH_MS);
    }
  }

  async function explain(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const query = new URLSearchParams();
    for (const name of ["model", "width", "height", "seed", "negative_prompt"]) {
      const v = String(form.get(name) || "").trim();
      if (v) query.append(name, v);
    }
    for (const [k, v] of new URLSearchParams(String(form.get("extra") || ""))) query.append(k, v);
    const url = "/explain/" + encodeURIComponent(String(form.get("prompt"))) + (query.size ? "?" + query : "");
    const out = $("explain-result");
    out.replaceChildren("…");
    try {
      // With tenants configured, explain needs the tenant's key: its answer covers that tenant's entries only.
      const key = String(form.get("api_key") || "").trim();
      const response = await fetch(url, { cache: "no-store", headers: key ? { "X-Api-Key": key } : {} });
      const body = await response.json();
      if (!response.ok) { out.replaceChildren(el("p", { class: "error" }, (body.title || "Error") + ": " + (body.detail || response.status))); return; }
      out.replaceChildren(
        el("p", { class: "decision" }, "Decision: ", el("strong", { id: "explain-decision" }, body.decision), " — " + body.reason),
        el("p", { class: "meta" }, "threshold " + body.threshold.toFixed(2) + (body.verifier_cutoff == null ? "" : " · verifier cut-off " + body.verifier_cutoff.toFixed(3)) + " · language " + (body.language || "?") + " · partition " + body.partition_description),
        body.candidates.length === 0 ? el("p", { class: "meta" }, "No candidates in this partition.") :
          el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Candidate"), el("th", { class: "num" }, "Similarity"), el("th", { class: "num" }, "Verifier"), el("th", {}, "Guards"), el("th", {}, "Words"))),
            el("tbody", {}, ...body.candidates.map((c) => el("tr", {},
              el("td", {}, c.prompt + (c.served ? " ✔" : "")),
              el("td", { class: "num" }, c.similarity.toFixed(4)),
              el("td", { class: "num verifier" }, c.verifier_score == null ? "–" : c.verifier_score.toFixed(3)),
              el("td", {}, ...c.guards.map((g) => el("span", { class: g.passed ? "ok" : "no", title: g.reason || "" }, g.guard + " "))),
              el("td", {}, (c.word_links || []).join(", ")))))));
    } catch (e) {
      out.replaceChildren(el("p", { class: "error" }, "Explain failed: " + e.message));
    }
  }

  $("explain").addEventListener("submit", explain);
  refresh();
})();
