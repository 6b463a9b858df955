// semcache review page: lists recorded pairs side by side and sends "acceptable" / "not acceptable" labels.
// Talks to /dashboard/review/* with the dashboard cookie. No dependencies.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };
  const pct = (x) => x === null || x === undefined ? "–" : (x * 100).toFixed(1) + "%";
  const interval = (lo, hi) => lo === null || lo === undefined ? "" : pct(lo) + " – " + pct(hi);
  const form = $("filters");
  const known = new Set();

  async function getJson(url) {
    const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    const body = await response.json();
    if (!response.ok) throw new Error((body.title || "HTTP " + response.status) + (body.detail ? ": " + body.detail : ""));
    return body;
  }

  function renderSummary(s) {
    $("review-pairs").textContent = s.pairs;
    $("review-labelled").textContent = s.labelled;
    $("review-false-hits").textContent = s.false_hits + " / " + s.labelled_hits;
    $("review-rate").textContent = pct(s.false_hit_rate);
    $("review-interval").textContent = interval(s.interval_low, s.interval_high);
    $("review-would-hit").textContent = s.shadow_lookups ? pct(s.would_hit_rate) + " of " + s.shadow_lookups : "–";
    $("review-partitions").tBodies[0].replaceChildren(...s.partitions.map((p) => el("tr", {},
      el("td", { title: p.partition }, p.description || p.partition.slice(0, 12) + "…"),
      el("td", { class: "num" }, String(p.labelled_hits)),
      el("td", { class: "num" }, String(p.false_hits)),
      el("td", { class: "num" }, pct(p.false_hit_rate) + " (" + interval(p.interval_low, p.interval_high) + ")"))));
  }

  function side(title, prompt, image) {
    return el("figure", { class: "side" },
      el("img", { src: image, alt: prompt, loading: "lazy" }),
      el("figcaption", {}, el("b", {}, title + " "), prompt));
  }

  function pairCard(p) {
    const label = p.label ? (p.label.acceptable ? "acceptable" : "not acceptable") + " · " + p.label.reviewer : "unlabelled";
    const card = el("article", { class: "pair", "data-id": p.id },
      el("div", { class: "sides" }, side("query", p.query.prompt, p.query.image), side("candidate", p.candidate.prompt, p.candidate.image)),
      el("p", {}, el("span", { class: "sim" }, p.similarity.toFixed(4)), " ≥ " + p.threshold.toFixed(3) + " · " + p.decision + " (" + p.mode + ") · " + (p.model || "default model")),
      el("p", { class: "meta" }, p.reason),
      el("p", { class: "checks" }, ...p.checks.map((c) => el("span", { class: c.passed ? "ok" : "no", title: c.reason || "" }, c.name + " "))),
      el("p", { class: "meta" }, p.partition_description),
      el("div", { class: "actions" },
        el("button", { type: "button", class: "accept" }, "Acceptable"),
        el("button", { type: "button", class: "reject" }, "Not acceptable"),
        el("span", { class: "state meta" }, label)));
    card.querySelector(".accept").addEventListener("click", () => send(card, p.id, true));
    card.querySelector(".reject").addEventListener("click", () => send(card, p.id, false));
    return card;
  }

  async function send(card, id, acceptable) {
    const state = card.querySelector(".state");
    const reviewer = String(new FormData(form).get("reviewer") || "").trim();
    state.textContent = "…";
    try {
      const response = await fetch("/dashboard/review/pairs/" + encodeURIComponent(id) + "/label", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(reviewer ? { acceptable, reviewer } : { acceptable }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error((body.title || "HTTP " + response.status) + (body.detail ? ": " + body.detail : ""));
      state.textContent = (acceptable ? "acceptable" : "not acceptable") + " · " + body.label.reviewer;
      card.classList.add("done");
      renderSummary(await getJson("/dashboard/review/summary"));
    } catch (e) {
      state.textContent = "label failed: " + e.message;
      state.classList.add("error");
    }
  }

  async function load() {
    const f = new FormData(form);
    const query = new URLSearchParams({ labelled: String(f.get("labelled")), limit: "50" });
    const partition = String(f.get("partition") || "");
    if (partition) query.set("partition", partition);
    const model = String(f.get("model") || "").trim();
    if (model) query.set("model", model);
    const band = String(f.get("band") || "");
    if (band) { const [min, max] = band.split("-"); query.set("min", min); query.set("max", max); }
    try {
      const [summary, list] = await Promise.all([getJson("/dashboard/review/summary"), getJson("/dashboard/review/pairs?" + query)]);
      renderSummary(summary);
      const select = form.elements.partition;
      for (const p of list.pairs) {
        if (known.has(p.partition)) continue;
        known.add(p.partition);
        select.append(el("option", { value: p.partition }, p.partition_description || p.partition.slice(0, 12)));
      }
      $("pairs").replaceChildren(...list.pairs.map(pairCard));
      $("pairs-empty").hidden = list.pairs.length > 0;
      $("status").textContent = "updated " + new Date().toLocaleTimeString();
    } catch (e) {
      $("status").textContent = "load failed: " + e.message;
    }
  }

  form.addEventListener("change", (e) => { if (e.target.name !== "reviewer") load(); });
  form.addEventListener("submit", (e) => e.preventDefault());
  load();
})();
