// sitroom dashboard: map, timeline, filters, event panel, stories, framing.
// Every piece of data goes into the page through textContent or attributes
// set by DOM calls, never through innerHTML: article text is untrusted.
"use strict";

(function () {
  // Same colours as the report figures (sitroom/report/figures.py).
  const TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
  };
  const OTHER_COLOUR = "#7f7f7f";
  const MAX_EVENTS = 5000; // markers loaded at most, following page cursors
  const SVG_NS = "http://www.w3.org/2000/svg";
  const colour = (type) => TYPE_COLOURS[type] || OTHER_COLOUR;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    return node;
  }

  // Only http(s) links are made clickable: no javascript: or data: URLs.
  function safeUrl(url) {
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  async function getJSON(path, params) {
    const query = params ? "?" + params.toString() : "";
    const response = await fetch(path + query, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
  }

  // --- filters ---------------------------------------------------------------
  const form = document.getElementById("filters");
  const typeSelect = form.elements["event_type"];
  for (const type of Object.keys(TYPE_COLOURS)) typeSelect.append(el("option", { value: type }, type));

  function filterParams(withDates) {
    const params = new URLSearchParams();
    for (const name of ["from", "to", "country", "admin1", "event_type", "actor", "contested", "q", "story"]) {
      if (!withDates && (name === "from" || name === "to")) continue;
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  document.getElementById("clear-dates").addEventListener("click", () => {
    form.elements["from"].value = "";
    form.elements["to"].value = "";
    refresh();
  });

  // --- map ---------------------------------------------------------------------
  // No tile layer, so the zoom range must be given (markercluster needs maxZoom).
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([35, 38], 6);
  map.attributionControl.addAttribution("Boundaries: Natural Earth");
  fetch("/boundaries.geojson").then((r) => r.json()).then((geo) => {
    L.geoJSON(geo, {
      style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      interactive: false,
    }).addTo(map).bringToBack();
  });
  // A cluster shows its count on the colour of its most frequent event type.
  function clusterIcon(cluster) {
    const counts = {};
    for (const marker of cluster.getAllChildMarkers()) {
      counts[marker.options.eventType] = (counts[marker.options.eventType] || 0) + 1;
    }
    const top = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
    const n = cluster.getChildCount();
    const size = n < 10 ? 30 : n < 50 ? 36 : 44;
    const disc = el("div", { class: "cluster-disc" }, String(n));
    disc.style.background = colour(top);
    disc.style.width = disc.style.height = disc.style.lineHeight = size + "px";
    return L.divIcon({ html: disc, className: "event-cluster marker-cluster", iconSize: [size, size] });
  }
  const clusters = L.markerClusterGroup({
    maxClusterRadius: 35, showCoverageOnHover: false, iconCreateFunction: clusterIcon,
  });
  map.addLayer(clusters);

  function markerRadius(fatalities) {
    return 5 + 2.2 * Math.sqrt(Math.max(0, fatalities || 0));
  }

  function drawMarkers(events) {
    clusters.clearLayers();
    const markers = [];
    for (const ev of events) {
      if (ev.latitude === null || ev.longitude === null) continue;
      const marker = L.circleMarker([ev.latitude, ev.longitude], {
        radius: markerRadius(ev.fatalities), color: "#ffffff", weight: 1,
        fillColor: colour(ev.event_type), fillOpacity: 0.85, className: "event-marker", eventType: ev.event_type,
      });
      marker.bindTooltip(() => document.createTextNode(summaryLine(ev)));
      marker.on("click", () => openEvent(ev.id));
      markers.push(marker);
    }
    clusters.addLayers(markers);
    if (markers.length) map.fitBounds(clusters.getBounds(), { maxZoom: 8, padding: [20, 20] });
  }

  function summaryLine(ev) {
    const where = [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ");
    return `${ev.event_date || "undated"}: ${ev.sub_event_type || ev.event_type} in ${where || "unknown place"}` +
      ` (${ev.fatalities} fatalities)`;
  }

  // --- event list --------------------------------------------------------------
  function drawList(events) {
    const body = document.querySelector("#event-list tbody");
    body.replaceChildren();
    for (const ev of events.slice(0, 300)) {
      const row = el("tr", { "data-event-id": ev.id },
        el("td", null, ev.event_date || ""),
        el("td", null, el("span", { class: "swatch", style: null }), ev.event_type),
        el("td", null, [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")),
        el("td", null, [ev.actor1, ev.actor2].filter(Boolean).join(" vs ")),
        el("td", null, String(ev.fatalities)),
        el("td", null, ev.contested ? el("span", { class: "badge contested" }, "contested") : ""));
      row.querySelector(".swatch").style.background = colour(ev.event_type);
      row.addEventListener("click", () => openEvent(ev.id));
      body.append(row);
    }
  }

  // --- timeline with brushing -------------------------------------------------------
  const timeline = document.getElementById("timeline");
  let timelineWeeks = [];
  let brushStart = null;

  async function drawTimeline() {
    const data = await getJSON("/stats/timeseries", filterParams(false));
    timelineWeeks = data.weeks;
    timeline.replaceChildren();
    const width = timeline.clientWidth || 800;
    const height = timeline.clientHeight || 140;
    const pad = { left: 28, bottom: 16, top: 6 };
    const totals = {};
    for (const row of data.series) totals[row.week] = (totals[row.week] || 0) + row.events;
    const maxTotal = Math.max(1, ...Object.values(totals));
    const step = (width - pad.left) / Math.max(1, data.weeks.length);
    const scale = (height - pad.bottom - pad.top) / maxTotal;
    const stacked = {};
    for (const row of data.series) {
      const index = data.weeks.indexOf(row.week);
      const below = stacked[row.week] || 0;
      const bar = svg("rect", {
        x: pad.left + index * step + 1, width: Math.max(1, step - 2),
        y: height - pad.bottom - (below + row.events) * scale, height: row.events * scale,
        fill: colour(row.event_type), class: "week-bar",
      });
      const title = svg("title");
      title.textContent = `${row.week} ${row.event_type}: ${row.events} events, ${row.fatalities} fatalities`;
      bar.append(title);
      timeline.append(bar);
      stacked[row.week] = below + row.events;
    }
    const axis = svg("text", { x: 2, y: pad.top + 10, "font-size": 10, fill: "#555" });
    axis.textContent = String(maxTotal);
    timeline.append(axis);
    data.weeks.forEach((week, i) => {
      if (i % Math.ceil(data.weeks.length / 8) !== 0) return;
      const label = svg("text", { x: pad.left + i * step, y: height - 3, "font-size": 10, fill: "#555" });
      label.textContent = week;
      timeline.append(label);
    });
    const from = form.elements["from"].value, to = form.elements["to"].value;
    if (from || to) {
      const first = data.weeks.findIndex((w) => !from || addDays(w, 6) >= from);
      let last = data.weeks.length - 1;
      while (last >= 0 && to && data.weeks[last] > to) last--;
      if (first >= 0 && last >= first) {
        timeline.append(svg("rect", {
          class: "brush", x: pad.left + first * step, width: (last - first + 1) * step,
          y: pad.top, height: height - pad.bottom - pad.top,
        }));
      }
    }
    drawLegend(data.types);
    timeline.dataset.left = pad.left;
    timeline.dataset.step = step;
  }

  function addDays(isoDate, days) {
    const d = new Date(isoDate + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function weekAt(clientX) {
    const box = timeline.getBoundingClientRect();
    const index = Math.floor((clientX - box.left - Number(timeline.dataset.left)) / Number(timeline.dataset.step));
    return Math.min(timelineWeeks.length - 1, Math.max(0, index));
  }

  timeline.addEventListener("mousedown", (event) => {
    if (!timelineWeeks.length) return;
    brushStart = weekAt(event.clientX);
    event.preventDefault();
  });
  window.addEventListener("mouseup", (event) => {
    if (brushStart === null) return;
    const end = weekAt(event.clientX);
    const [a, b] = [Math.min(brushStart, end), Math.max(brushStart, end)];
    brushStart = null;
    form.elements["from"].value = timelineWeeks[a];
    form.elements["to"].value = addDays(timelineWeeks[b], 6);
    refresh();
  });

  function drawLegend(types) {
    const legend = document.getElementById("legend");
    legend.replaceChildren();
    for (const type of types) {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = colour(type);
      legend.append(el("span", null, swatch, type));
    }
  }

  // --- loading ---------------------------------------------------------------------
  async function loadEvents() {
    const events = [];
    let cursor = null;
    do {
      const params = filterParams(true);
      params.set("limit", "500");
      if (cursor) params.set("cursor", cursor);
      const page = await getJSON("/events", params);
      events.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor && events.length < MAX_EVENTS);
    return events;
  }

  const status = document.getElementById("status");
  async function refresh() {
    status.textContent = "loading...";
    document.getElementById("report-link").href = "/reports?format=html&" + filterParams(true).toString();
    try {
      const [events] = await Promise.all([loadEvents(), drawTimeline()]);
      drawMarkers(events);
      drawList(events);
      status.textContent = `${events.length} events`;
      status.dataset.count = String(events.length);
    } catch (error) {
      status.textContent = "error: " + error.message;
    }
  }

  // --- event panel -------------------------------------------------------------------
  const panel = document.getElementById("panel");
  const panelBody = document.getElementById("panel-body");
  document.getElementById("panel-close").addEventListener("click", () => { panel.hidden = true; });

  function link(url, text) {
    const href = safeUrl(url);
    return href ? el("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, text) : el("span", null, text);
  }

  async function openEvent(id) {
    const ev = await getJSON("/events/" + encodeURIComponent(id));
    panelBody.replaceChildren();
    panelBody.append(
      el("h2", { id: "panel-title" }, summaryLine(ev)),
      ev.contested
        ? el("span", { class: "badge contested", id: "contested-badge" }, "contested")
        : el("span", { class: "badge uncontested" }, "not contested"));
    if (ev.contested_reasons.length) {
      panelBody.append(el("ul", null, ...ev.contested_reasons.map((r) => el("li", null, r))));
    }
    if (ev.notes) panelBody.append(el("p", { class: "notes" }, ev.notes));
    const fields = el("dl", { class: "fields" });
    for (const key of ["id", "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
      "assoc_actor_2", "civilian_targeting", "country", "admin1", "admin2", "location", "latitude", "longitude",
      "fatalities", "fatalities_low", "fatalities_high", "n_sources", "n_outlets", "confidence", "story_id",
      "first_seen", "last_updated", "revision"]) {
      if (ev[key] === null || ev[key] === "" || ev[key] === undefined) continue;
      fields.append(el("dt", null, key), el("dd", null, String(ev[key])));
    }
    panelBody.append(el("h3", null, "Fields"), fields);

    panelBody.append(el("h3", null, `Sources (${ev.sources.length})`));
    for (const src of ev.sources) {
      const box = el("div", { class: "source" },
        el("div", null, el("strong", null, src.outlet || "unknown outlet"), " ", link(src.url, src.title || src.url || "")),
        el("div", { class: "meta" }, `${src.published || ""} - article ${src.article_id} - ${src.fatalities} fatalities`));
      for (const span of src.evidence) {
        box.append(el("p", { class: "evidence" },
          span.before ? "\u2026" + span.before : "", el("mark", null, span.text), span.after ? span.after + "\u2026" : ""));
      }
      panelBody.append(box);
    }
    panelBody.append(el("h3", null, `Claims (${ev.claims.length})`));
    if (ev.claims.length) {
      const table = el("table", { class: "claims" },
        el("thead", null, el("tr", null, el("th", null, "Speaker"), el("th", null, "Stance"), el("th", null, "About"), el("th", null, "Claim"))));
      const body = el("tbody");
      for (const claim of ev.claims) {
        body.append(el("tr", null,
          el("td", null, claim.speaker),
          el("td", null, el("span", { class: "badge stance stance-" + claim.stance.replace(/[^a-z]/g, "") }, claim.stance)),
          el("td", null, claim.value ? `${claim.subject}: ${claim.value}` : claim.subject),
          el("td", null, claim.text, " ", link(claim.url, claim.outlet ? `(${claim.outlet})` : ""))));
      }
      table.append(body);
      panelBody.append(table);
    }
    if (ev.revisions.length) {
      panelBody.append(el("h3", null, "Revisions"),
        el("ul", null, ...ev.revisions.map((r) =>
          el("li", null, `#${r.revision} ${r.revised_at} ${r.reason}: ${JSON.stringify(r.changes)}`))));
    }
    panel.hidden = false;
    panel.dataset.eventId = ev.id;
  }

  // --- stories and framing ----------------------------------------------------------------
  async function loadStories() {
    const data = await getJSON("/stories");
    const body = document.querySelector("#stories tbody");
    body.replaceChildren();
    for (const story of data.items) {
      const row = el("tr", null, el("td", null, story.title || story.id), el("td", null, story.first_published || ""),
        el("td", null, story.last_published || ""), el("td", null, String(story.n_events)),
        el("td", null, String(story.n_articles)), el("td", null, String(story.n_outlets)));
      row.addEventListener("click", () => {
        form.elements["story"].value = story.id;
        showView("map-view");
        refresh();
      });
      body.append(row);
    }
  }

  async function loadFraming() {
    const data = await getJSON("/framing");
    const table = document.getElementById("framing");
    const columns = data.rows.length ? Object.keys(data.rows[0]) : [];
    table.tHead.replaceChildren(el("tr", null, ...columns.map((c) => el("th", null, c))));
    table.tBodies[0].replaceChildren(...data.rows.map((row) =>
      el("tr", null, ...columns.map((c) => el("td", null, row[c] === null ? "" : String(row[c]))))));
  }

  function showView(id) {
    for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== id;
    for (const button of document.querySelectorAll("header button[data-view]")) {
      button.classList.toggle("active", button.dataset.view === id);
    }
    if (id === "map-view") map.invalidateSize();
    if (id === "stories-view") loadStories();
    if (id === "framing-view") loadFraming();
  }
  for (const button of document.querySelectorAll("header button[data-view]")) {
    button.addEventListener("click", () => showView(button.dataset.view));
  }

  refresh();
})();
