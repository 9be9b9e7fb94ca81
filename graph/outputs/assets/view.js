// asckg graph view: draws the graph embedded in this page as SVG, with search, zoom, pan and a
// details panel (a letter with the words that cite each reference; a reference with its letters).
// Written for asckg; no libraries, no network: everything comes from the JSON in #graph-data.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var svg = document.getElementById("graph");
  var viewport = document.getElementById("viewport");
  var nodeLayer = document.getElementById("nodes");
  var linkLayer = document.getElementById("links");
  var labelLayer = document.getElementById("labels");
  var details = document.getElementById("details");
  var results = document.getElementById("results");
  var search = document.getElementById("search");
  var byId = {};
  var adjacency = {};
  var view = { x: 0, y: 0, k: 1 };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  // ------------------------------------------------------------------ drawing
  data.nodes.forEach(function (n) { byId[n.id] = n; adjacency[n.id] = []; });
  data.links.forEach(function (l, i) {
    var a = byId[l.source], b = byId[l.target];
    var line = svgEl("line", { "class": "link", x1: a.x, y1: a.y, x2: b.x, y2: b.y,
                               "stroke-width": Math.min(1 + Math.log(1 + (l.weight || 1)), 6) });
    linkLayer.appendChild(line);
    l.el = line;
    adjacency[a.id].push({ link: l, other: b, out: true });
    adjacency[b.id].push({ link: l, other: a, out: false });
  });
  data.nodes.forEach(function (n) {
    var c = svgEl("circle", { "class": "node", cx: n.x, cy: n.y, r: n.r, fill: data.colors[n.kind] || "#888",
                              "data-id": n.id, "data-kind": n.kind });
    var title = svgEl("title", {});
    title.textContent = n.label + " (" + n.kind + ")";
    c.appendChild(title);
    c.addEventListener("click", function (ev) { ev.stopPropagation(); select(n.id); });
    nodeLayer.appendChild(c);
    n.el = c;
    if (n.showLabel) {
      var t = svgEl("text", { "class": "label", x: n.x + n.r + 2, y: n.y + 3 });
      t.textContent = n.label;
      labelLayer.appendChild(t);
    }
  });

  var legend = document.getElementById("legend");
  Object.keys(data.colors).forEach(function (kind) {
    if (!data.nodes.some(function (n) { return n.kind === kind; })) return;
    var s = el("span", {});
    var dot = el("i", {});
    dot.style.background = data.colors[kind];
    s.appendChild(dot);
    s.appendChild(document.createTextNode(kind));
    legend.appendChild(s);
  });
  document.getElementById("status").textContent = data.nodes.length + " nodes, " + data.links.length + " links";

  // ------------------------------------------------------------------ zoom and pan
  function apply() { viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")"); }
  function fit() {
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    var b = data.bounds, pad = 20;
    var k = Math.min((w - 2 * pad) / Math.max(b.w, 1), (h - 2 * pad) / Math.max(b.h, 1));
    view.k = k; view.x = pad - b.x * k + (w - 2 * pad - b.w * k) / 2; view.y = pad - b.y * k + (h - 2 * pad - b.h * k) / 2;
    apply();
  }
  function zoomAt(factor, px, py) {
    var k = Math.max(0.02, Math.min(view.k * factor, 200));
    view.x = px - (px - view.x) * (k / view.k);
    view.y = py - (py - view.y) * (k / view.k);
    view.k = k;
    apply();
  }
  function center(n) {
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    view.k = Math.max(view.k, 1.5);
    view.x = w / 2 - n.x * view.k; view.y = h / 2 - n.y * view.k;
    apply();
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect();
    zoomAt(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false }; svg.classList.add("panning"); });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    view.x = drag.vx + ev.clientX - drag.x; view.y = drag.vy + ev.clientY - drag.y;
    drag.moved = drag.moved || Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3;
    apply();
  });
  window.addEventListener("mouseup", function () { svg.classList.remove("panning"); setTimeout(function () { drag = null; }, 0); });
  svg.addEventListener("click", function () { if (!drag || !drag.moved) clearSelection(); });
  document.getElementById("zoom-in").onclick = function () { zoomAt(1.4, svg.clientWidth / 2, svg.clientHeight / 2); };
  document.getElementById("zoom-out").onclick = function () { zoomAt(1 / 1.4, svg.clientWidth / 2, svg.clientHeight / 2); };
  document.getElementById("zoom-fit").onclick = fit;

  // ------------------------------------------------------------------ search
  function haystack(n) {
    return [n.label, n.kind].concat(Object.keys(n.attrs).map(function (k) { return String(n.attrs[k]); })).join(" ").toLowerCase();
  }
  data.nodes.forEach(function (n) { n.text = haystack(n); });
  function runSearch(q) {
    q = q.trim().toLowerCase();
    results.textContent = "";
    data.nodes.forEach(function (n) { n.el.classList.remove("match"); });
    if (!q) return [];
    var hits = data.nodes.filter(function (n) { return n.text.indexOf(q) !== -1; });
    hits.sort(function (a, b) { return (a.label.toLowerCase().indexOf(q) === -1) - (b.label.toLowerCase().indexOf(q) === -1) || b.r - a.r; });
    hits.forEach(function (n) { n.el.classList.add("match"); });
    hits.slice(0, 100).forEach(function (n) {
      var li = el("li", { "class": "hit", "data-id": n.id }, n.label + " — " + n.kind);
      li.onclick = function () { select(n.id); };
      results.appendChild(li);
    });
    if (hits.length > 100) results.appendChild(el("li", { "class": "more" }, (hits.length - 100) + " more…"));
    return hits;
  }
  search.addEventListener("input", function () { runSearch(search.value); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hits = runSearch(search.value); if (hits.length) select(hits[0].id); }
  });

  // ------------------------------------------------------------------ details
  function clearSelection() {
    nodeLayer.classList.remove("dimmed");
    data.nodes.forEach(function (n) { n.el.classList.remove("selected", "near"); });
    data.links.forEach(function (l) { l.el.classList.remove("near"); });
  }
  function marked(text, words) {
    // the context with the citing words highlighted, built as text nodes (never as HTML)
    var box = el("div", { "class": "context" });
    var at = -1, word = "";
    words.forEach(function (w) { var i = w ? text.indexOf(w) : -1; if (i !== -1 && (at === -1 || i < at)) { at = i; word = w; } });
    if (at === -1) { box.textContent = text; return box; }
    box.appendChild(document.createTextNode(text.slice(0, at)));
    box.appendChild(el("mark", {}, word));
    box.appendChild(document.createTextNode(text.slice(at + word.length)));
    return box;
  }
  function select(id) {
    var n = byId[id];
    if (!n) return;
    clearSelection();
    nodeLayer.classList.add("dimmed");
    n.el.classList.add("selected");
    details.textContent = "";
    details.appendChild(el("h2", {}, n.label));
    var table = el("table", {});
    [["kind", n.kind]].concat(Object.keys(n.attrs).map(function (k) { return [k, n.attrs[k]]; })).forEach(function (kv) {
      var tr = el("tr", {});
      tr.appendChild(el("td", {}, kv[0]));
      tr.appendChild(el("td", {}, String(kv[1])));
      table.appendChild(tr);
    });
    table.appendChild((function () { var tr = el("tr", {}); tr.appendChild(el("td", {}, "id")); tr.appendChild(el("td", {}, n.id)); return tr; })());
    details.appendChild(table);
    var edges = adjacency[id].slice().sort(function (a, b) { return (b.link.weight || 1) - (a.link.weight || 1) || (a.other.label < b.other.label ? -1 : 1); });
    details.appendChild(el("p", { "class": "hint" }, edges.length + " link" + (edges.length === 1 ? "" : "s")));
    edges.forEach(function (e) {
      e.other.el.classList.add("near");
      e.link.el.classList.add("near");
      var box = el("div", { "class": "edge" });
      var head = el("div", {});
      var rel = e.link.attrs.relation || "linked to";
      head.appendChild(document.createTextNode((e.out || !data.directed ? rel : rel + " (from)") + " "));
      var a = el("a", { "data-id": e.other.id }, e.other.label);
      a.onclick = function () { select(e.other.id); center(e.other); };
      head.appendChild(a);
      if (e.link.weight && e.link.weight > 1) head.appendChild(document.createTextNode(" ×" + e.link.weight));
      box.appendChild(head);
      var words = (e.link.attrs.words || "").split(" | ").filter(Boolean);
      if (words.length) box.appendChild(el("div", { "class": "words" }, words.join(" · ")));
      (e.link.attrs.context || "").split(" | ").filter(Boolean).forEach(function (c) { box.appendChild(marked(c, words)); });
      details.appendChild(box);
    });
    document.body.setAttribute("data-selected", id);
  }

  // ------------------------------------------------------------------ start
  fit();
  window.addEventListener("resize", fit);
  var hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("search")) { search.value = hash.get("search"); var found = runSearch(search.value); if (found.length) select(found[0].id); }
  if (hash.get("node")) select(hash.get("node"));
  document.body.setAttribute("data-ready", "1");
  window.asckgView = { select: select, search: runSearch, data: data };
})();
