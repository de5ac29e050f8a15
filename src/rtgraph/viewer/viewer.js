/* rtgraph viewer: reads the JSON blob, fills pyvis's vis DataSets, wires the UI.
 * Safety rule: data reaches the page ONLY through textContent / createTextNode
 * (never innerHTML), and no inline event-handler attributes are ever built.
 * Order matters: every function and element is in place before the first
 * draw, because vis draws (and fires afterDrawing) synchronously on add. */
(function () {
  "use strict";

  var T0 = performance.now();
  var DATA = JSON.parse(document.getElementById("rtgraph-data").textContent);
  var net = window.network;          // created by pyvis's drawGraph()
  var nodesDS = window.nodes;
  var edgesDS = window.edges;
  var NEGATIVE = "#D55E00", EDGE = "#5a5a5a", BACKGROUND = "#a8a8a8";
  var DIM = "rgba(190,190,190,0.35)", DIM_EDGE = "rgba(190,190,190,0.25)", DIM_NEGATIVE = "rgba(213,94,0,0.35)";
  var FONT = "#1a1a1a", DIM_FONT = "rgba(26,26,26,0.35)";
  var LEGIBLE = 13;        // on-screen pixels of a drawn label
  var MAX_LABELS = 60;     // labels drawn at once, most important first
  var SHOW_MORE = 40;      // panel items shown before a "show more" button
  var BACKGROUND_NOTE = "Background knowledge from the lexicon (not stated in the text).";

  var classes = {}, byId = {}, edgeById = {}, incident = {};
  DATA.classes.forEach(function (c) { classes[c.name] = c; });
  DATA.nodes.forEach(function (n) { byId[n.id] = n; incident[n.id] = []; });
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e;
    incident[e.from].push(e.id);
    if (e.to !== e.from) { incident[e.to].push(e.id); }
  });
  var related = DATA.nodes.filter(function (n) { return n.x !== null; });
  var loose = DATA.nodes.filter(function (n) { return n.x === null; });
  var focusIds = {};
  DATA.focus.forEach(function (id) { focusIds[id] = true; });

  var state = {off: {class: {}, predicate: {}, polarity: {}, modality: {}, document: {}, date: {}},
               conf: 0, background: false};
  var api = window.rtgraph = {
    network: net, nodes: nodesDS, edges: edgesDS, data: DATA, ready: false, state: state, grouped: false,
    selectNode: selectNode, selectEdge: selectEdge, search: search, clearSelection: clearSelection,
    ungroup: ungroup, relabel: relabel
  };

  /* ---------- helpers ---------- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function button(text, onClick, cls) {
    var b = el("button", cls || "rtg-link", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function classOf(n) { return classes[n.top] || {color: "#999999", shape: "hexagon", glyph: "?"}; }
  function nodeColor(n) {
    var c = classOf(n).color;
    return {background: c, border: "#333333", highlight: {background: c, border: "#000000"}};
  }
  function dashesOf(e) {
    if (e.background) { return [10, 4, 2, 4]; }
    if (e.polarity === "Negative") { return [2, 4]; }
    return {Expected: [12, 6], Possible: [4, 6]}[e.modality] || false;
  }
  function baseColor(e) { return e.background ? BACKGROUND : e.polarity === "Negative" ? NEGATIVE : EDGE; }
  function edgeColor(e) {  // the same colour selected, hovered or not: a denial never turns black
    var c = baseColor(e);
    return {color: c, highlight: c, hover: c, inherit: false};
  }
  function dimColor(e) {
    var c = e.polarity === "Negative" ? DIM_NEGATIVE : DIM_EDGE;
    return {color: c, highlight: c, hover: c, inherit: false};
  }
  function fold(s) { return String(s).toLocaleLowerCase(); }
  function plural(k, one, many) { return k + " " + (k === 1 ? one : many); }
  function moreList(container, items, render) {  // long lists stay instant: render in slices
    var shown = 0;
    var more = button("", function () { add(); }, "rtg-link rtg-more");
    function add() {
      items.slice(shown, shown + SHOW_MORE).forEach(function (item) { container.appendChild(render(item)); });
      shown = Math.min(items.length, shown + SHOW_MORE);
      if (shown < items.length) {
        more.textContent = "Show " + Math.min(SHOW_MORE, items.length - shown) + " more of " + items.length;
        container.appendChild(more);
      } else if (more.parentNode) { more.parentNode.removeChild(more); }
    }
    add();
  }

  /* ---------- filters ---------- */
  function docOk(docs) {
    if (!docs.length) { return true; }
    return docs.some(function (d) {
      var doc = DATA.documents[d];
      return !state.off.document[d] && !state.off.date[(doc && doc.date) || "undated"];
    });
  }
  function edgeShown(e) {
    var o = state.off;
    return !o.predicate[e.predicate] && !o.polarity[e.polarity] && !o.modality[e.modality] &&
      (state.background || !e.background) && (e.confidence === null || e.confidence >= state.conf - 1e-9) &&
      !o.class[byId[e.from].top] && !o.class[byId[e.to].top] && docOk(e.docs);
  }
  var shownEdges = {}, shownNodes = {};
  function computeShown() {
    shownEdges = {};
    shownNodes = {};
    DATA.edges.forEach(function (e) {
      if (edgeShown(e)) { shownEdges[e.id] = true; shownNodes[e.from] = true; shownNodes[e.to] = true; }
    });
    related.forEach(function (n) {  // a focus entity stays, whatever hides its relations
      if (focusIds[n.id] && !state.off.class[n.top]) { shownNodes[n.id] = true; }
    });
  }
  function applyFilters() {
    ungroup();
    computeShown();
    var nUp = [], eUp = [];
    related.forEach(function (n) {
      var h = !shownNodes[n.id];
      if (!!nodesDS.get(n.id).hidden !== h) { nUp.push({id: n.id, hidden: h}); }
    });
    DATA.edges.forEach(function (e) {
      var h = !shownEdges[e.id];
      if (!!edgesDS.get(e.id).hidden !== h) { eUp.push({id: e.id, hidden: h}); }
    });
    if (nUp.length) { nodesDS.update(nUp); }
    if (eUp.length) { edgesDS.update(eUp); }
    writeHash();
    relabel();
  }

  /* ---------- the URL fragment holds the filter state (shareable) ---------- */
  var boxes = [];   // [group, value, input]
  function writeHash() {
    if (!api.ready) { return; }
    var params = new URLSearchParams();
    Object.keys(state.off).sort().forEach(function (group) {
      Object.keys(state.off[group]).sort().forEach(function (v) {
        if (state.off[group][v]) { params.append("off", group + ":" + v); }
      });
    });
    if (state.conf > 0) { params.set("conf", state.conf.toFixed(2)); }
    if (state.background) { params.set("background", "1"); }
    var text = params.toString();
    if (text !== location.hash.replace(/^#/, "")) {
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    }
  }
  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    params.getAll("off").forEach(function (item) {
      var i = item.indexOf(":"), group = item.slice(0, i), value = item.slice(i + 1);
      if (state.off[group]) { state.off[group][value] = true; }
    });
    var conf = parseFloat(params.get("conf"));
    state.conf = isFinite(conf) ? Math.min(1, Math.max(0, conf)) : 0;
    state.background = params.get("background") === "1";
    boxes.forEach(function (b) { b[2].checked = !state.off[b[0]][b[1]]; });
    confidence.value = String(state.conf);
    confidenceValue.textContent = state.conf.toFixed(2);
    backgroundBox.checked = state.background;
  }

  function checkbox(container, group, value, text, glyph, color) {
    var label = el("label", "rtg-check");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = value;
    box.addEventListener("change", function () { state.off[group][value] = !box.checked; applyFilters(); });
    label.appendChild(box);
    if (glyph) {
      var g = el("span", "rtg-glyph", glyph);
      g.style.color = color;
      g.setAttribute("aria-hidden", "true");
      label.appendChild(g);
    }
    label.appendChild(document.createTextNode(" " + text));
    container.appendChild(label);
    boxes.push([group, value, box]);
    return box;
  }
  function counted(list) {
    var c = {};
    list.forEach(function (v) { c[v] = (c[v] || 0) + 1; });
    return c;
  }
  function fill(id, group, counts, names) {
    var box = document.getElementById(id);
    var keys = Object.keys(counts).sort();
    if (!keys.length) { box.hidden = true; }
    keys.forEach(function (k) { checkbox(box, group, k, (names ? names(k) : k) + " (" + counts[k] + ")"); });
  }
  var classBox = document.getElementById("rtg-class-filters");
  DATA.classes.forEach(function (c) {
    if (c.count) { checkbox(classBox, "class", c.name, c.name + " (" + c.count + ")", c.glyph, c.color); }
  });
  fill("rtg-predicate-filters", "predicate", counted(DATA.edges.map(function (e) { return e.predicate; })));
  fill("rtg-polarity-filters", "polarity", counted(DATA.edges.map(function (e) { return e.polarity; })));
  fill("rtg-modality-filters", "modality", counted(DATA.edges.map(function (e) { return e.modality; })));
  var perDoc = {}, perDate = {};
  DATA.edges.forEach(function (e) {
    var dates = {};
    e.docs.forEach(function (d) {
      perDoc[d] = (perDoc[d] || 0) + 1;
      dates[DATA.documents[d].date || "undated"] = true;
    });
    Object.keys(dates).forEach(function (k) { perDate[k] = (perDate[k] || 0) + 1; });
  });
  fill("rtg-document-filters", "document", perDoc, function (d) {
    var doc = DATA.documents[d];
    return doc.title || doc.source || "untitled document";
  });
  fill("rtg-date-filters", "date", perDate);
  var confidence = document.getElementById("rtg-confidence");
  var confidenceValue = document.getElementById("rtg-confidence-value");
  confidence.addEventListener("input", function () {
    state.conf = parseFloat(confidence.value) || 0;
    confidenceValue.textContent = state.conf.toFixed(2);
    applyFilters();
  });
  var backgroundBox = document.getElementById("rtg-background");
  var nBackground = DATA.edges.filter(function (e) { return e.background; }).length;
  document.getElementById("rtg-background-label").textContent =
    "Show background knowledge (" + plural(nBackground, "edge", "edges") + ")";
  backgroundBox.addEventListener("change", function () { state.background = backgroundBox.checked; applyFilters(); });
  document.getElementById("rtg-reset").addEventListener("click", function () {
    Object.keys(state.off).forEach(function (g) { state.off[g] = {}; });
    boxes.forEach(function (b) { b[2].checked = true; });
    state.conf = 0;
    confidence.value = "0";
    confidenceValue.textContent = "0.00";
    applyFilters();
  });

  /* ---------- entities without relations: listed, not drawn ---------- */
  var looseList = document.getElementById("rtg-loose-list");
  document.getElementById("rtg-loose-title").textContent = "Entities without relations (" + loose.length + ")";
  if (!loose.length) { document.getElementById("rtg-loose").hidden = true; }
  moreList(looseList, loose.slice().sort(function (a, b) { return a.rank - b.rank; }), function (n) {
    var li = el("li");
    li.appendChild(button(n.label + " (" + n.type + ")", function () { selectNode(n.id); }));
    return li;
  });

  /* ---------- legend ---------- */
  var legend = document.getElementById("rtg-legend");
  DATA.classes.forEach(function (c) {
    var item = el("div", "rtg-legend-item");
    var g = el("span", "rtg-glyph", c.glyph);
    g.style.color = c.color;
    g.setAttribute("aria-hidden", "true");
    item.appendChild(g);
    item.appendChild(document.createTextNode(" " + c.name + " (" + c.shape + ")"));
    legend.appendChild(item);
  });
  [["rtg-line-solid", "asserted: the text states it (\u201ctraffics\u201d)"],
   ["rtg-line-expected", "expected: the text expects it (\u201cexpected to traffic\u201d)"],
   ["rtg-line-possible", "possible: the text says it may hold (\u201cmay traffic\u201d)"],
   ["rtg-line-negative", "negative, in orange: the text denies it (\u201cdoes not counter\u201d)"],
   ["rtg-line-background", "background knowledge from the lexicon (not stated in the text), hidden until shown"]
  ].forEach(function (pair) {
    var item = el("div", "rtg-legend-item " + pair[0] + "-item");
    var line = el("span", "rtg-line " + pair[0]);
    line.setAttribute("aria-hidden", "true");
    item.appendChild(line);
    item.appendChild(document.createTextNode(" " + pair[1]));
    legend.appendChild(item);
  });
  legend.appendChild(el("p", "rtg-hint", "Node size grows with the number of mentions. The most connected and " +
    "most mentioned entities are labelled first; zoom in for more labels."));

  /* ---------- highlight ---------- */
  var highlighted = false, selectedEdges = {};
  function edgeFont(e) {  // denials and selected relations keep a legible label at any zoom
    var size = Math.max(10, (LEGIBLE - 1) / net.getScale());
    return e.polarity === "Negative" || selectedEdges[e.id] ? {size: size, color: baseColor(e) === EDGE ? "#333333" : baseColor(e)}
      : {size: 10, color: "#333333"};
  }
  function highlight(nodeIds, edgeIds) {
    var keepN = {}, keepE = {};
    nodeIds.forEach(function (id) { keepN[id] = true; });
    var before = selectedEdges;
    selectedEdges = {};
    edgeIds.forEach(function (id) { keepE[id] = true; selectedEdges[id] = true; });
    if (DATA.group) {  // a large graph: vis's own selection marks the neighbourhood; no dimming pass over all
      // one update for every font that changes (each DataSet update is a pass over the whole graph)
      var ids = {};
      Object.keys(before).concat(edgeIds).forEach(function (id) { ids[id] = true; });
      DATA.edges.forEach(function (e) { if (e.polarity === "Negative") { ids[e.id] = true; } });
      edgesDS.update(Object.keys(ids).map(function (id) { return {id: Number(id), font: edgeFont(edgeById[id])}; }));
      edgeFontScale = net.getScale();
      highlighted = true;
      relabel(keepN);
      return;
    }
    nodesDS.update(related.map(function (n) {
      return keepN[n.id] ? {id: n.id, color: nodeColor(n), font: {color: FONT}}
        : {id: n.id, color: {background: DIM, border: DIM}, font: {color: DIM_FONT}};
    }));
    edgesDS.update(DATA.edges.map(function (e) {
      return {id: e.id, color: keepE[e.id] ? edgeColor(e) : dimColor(e), font: edgeFont(e)};
    }));
    highlighted = true;
    relabel(keepN);
  }
  function unhighlight() {
    if (!highlighted) { return; }
    var before = selectedEdges;
    selectedEdges = {};
    if (DATA.group) {
      edgesDS.update(Object.keys(before).map(function (id) { return {id: Number(id), font: edgeFont(edgeById[id])}; }));
      highlighted = false;
      relabel();
      return;
    }
    nodesDS.update(related.map(function (n) { return {id: n.id, color: nodeColor(n), font: {color: FONT}}; }));
    edgesDS.update(DATA.edges.map(function (e) { return {id: e.id, color: edgeColor(e), font: edgeFont(e)}; }));
    highlighted = false;
    relabel();
  }

  /* ---------- labels: the most important ones that fit, legible, never piled ---------- */
  var labelSize = {}, lastPriority = null, edgeFontScale = null;
  function relabel(priority) {
    if (priority !== undefined) { lastPriority = priority; }
    if (priority === undefined && !highlighted) { lastPriority = null; }
    if (api.grouped) { return; }
    var scale = net.getScale(), size = Math.max(14, LEGIBLE / scale), px = size * scale;
    var canvas = net.canvas.frame.canvas, W = canvas.clientWidth, H = canvas.clientHeight;
    var cell = 120, grid = {}, accepted = 0, up = [];
    var order = related.filter(function (n) { return shownNodes[n.id]; });
    var pos = net.getPositions(order.map(function (n) { return n.id; }));
    var prio = lastPriority || {};
    order.sort(function (a, b) { return (prio[b.id] ? 1 : 0) - (prio[a.id] ? 1 : 0) || a.rank - b.rank; });
    function free(box) {
      for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
        for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
          var list = grid[gx + "," + gy] || [];
          for (var i = 0; i < list.length; i++) {
            var o = list[i];
            if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) { return false; }
          }
        }
      }
      return true;
    }
    function take(box) {
      for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
        for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(box);
        }
      }
    }
    order.forEach(function (n) {
      var want = 0, adjust = 0, p = pos[n.id];
      if (p && accepted < MAX_LABELS) {
        var d = net.canvasToDOM(p), w = n.label.length * px * 0.62 + 8, h = px * 1.35 + 4;
        var below = d.y + n.size * scale - 1, above = d.y - n.size * scale - h - 1;
        // below the node as vis draws it, else above it (vadjust, in canvas units)
        [[below, 0], [above, -(2 * n.size * scale + h) / scale]].some(function (place) {
          var box = [d.x - w / 2, place[0], d.x + w / 2, place[0] + h];
          if (box[0] >= 0 && box[2] <= W && box[1] >= 0 && box[3] <= H && free(box)) {
            take(box);
            accepted++;
            want = size;
            adjust = place[1];
            return true;
          }
          return false;
        });
      }
      var key = want + "/" + adjust;
      if (labelSize[n.id] !== key) { labelSize[n.id] = key; up.push({id: n.id, font: {size: want, vadjust: adjust}}); }
    });
    if (up.length) { nodesDS.update(up); }
    if (edgeFontScale === scale) { return; }  // each DataSet update costs a pass over the whole graph
    edgeFontScale = scale;
    var eUp = [];
    DATA.edges.forEach(function (e) {
      if (e.polarity === "Negative" || selectedEdges[e.id]) { eUp.push({id: e.id, font: edgeFont(e)}); }
    });
    if (eUp.length) { edgesDS.update(eUp); }
  }
  var relabelTimer = null;
  function relabelSoon() {
    clearTimeout(relabelTimer);
    relabelTimer = setTimeout(function () { relabel(); }, 80);
  }

  /* ---------- grouping by class (large graphs, until zoomed in) ----------
   * The opening view of a large graph holds one node per class and one edge per pair of classes;
   * the entities are added on the first zoom, click, search or filter. */
  var groupScale = null;
  function group() {
    api.grouped = true;
    var members = {}, pairs = {};
    related.forEach(function (n) {
      if (shownNodes[n.id]) { (members[n.top] = members[n.top] || []).push(n); }
    });
    DATA.edges.forEach(function (e) {
      if (!shownEdges[e.id]) { return; }
      var key = [byId[e.from].top, byId[e.to].top].sort().join("\u0000");
      pairs[key] = (pairs[key] || 0) + 1;
    });
    var names = Object.keys(members).sort(), k = names.length;
    nodesDS.add(names.map(function (name, i) {
      var c = classOf(members[name][0]), r = 60 * k;
      return {id: "class:" + name, label: name + " (" + members[name].length + " entities)", shape: c.shape,
              x: Math.round(r * Math.cos(2 * Math.PI * i / k)), y: Math.round(r * Math.sin(2 * Math.PI * i / k)),
              size: Math.round(20 + 2 * Math.sqrt(members[name].length)), color: {background: c.color, border: "#333333"},
              font: {size: 14, color: FONT}};
    }));
    edgesDS.add(Object.keys(pairs).sort().map(function (key) {
      var ends = key.split("\u0000");
      return {id: "group:" + key, from: "class:" + ends[0], to: "class:" + ends[1], label: pairs[key] + " relations",
              width: Math.min(8, 1 + Math.log(pairs[key])), arrows: {to: {enabled: false}},
              color: {color: "#9a9a9a", inherit: false}, font: {size: 10, color: "#333333"},
              smooth: ends[0] === ends[1] ? undefined : false};
    }));
  }
  function ungroup() {
    if (!api.grouped) { return; }
    api.grouped = false;
    nodesDS.clear();
    edgesDS.clear();
    addEntities();
  }
  function fitGrouped() {
    net.fit({animation: false});
    net.moveTo({scale: net.getScale() * 0.8, animation: false});
    var scale = net.getScale();
    groupScale = scale;
    nodesDS.update(nodesDS.getIds().map(function (id) {
      return {id: id, font: {size: Math.max(14, (LEGIBLE + 3) / scale), color: FONT}};
    }));
    edgesDS.update(edgesDS.getIds().map(function (id) {
      return {id: id, font: {size: Math.max(10, LEGIBLE / scale), color: "#333333"}};
    }));
  }

  /* ---------- side panel ---------- */
  var panel = document.getElementById("rtg-panel");
  function clearPanel() { while (panel.firstChild) { panel.removeChild(panel.firstChild); } }
  function row(dl, key, value) {
    dl.appendChild(el("dt", null, key));
    dl.appendChild(el("dd", null, value === null || value === undefined || value === "" ? "\u2014" : value));
  }
  function evidenceList(passageIds, capped) {
    var wrap = el("div", "rtg-evidence");
    var head = "Evidence (" + passageIds.length + ")";
    if (capped) {
      head = "Evidence (" + passageIds.length + " passages shown; the page keeps " + DATA.evidence_cap +
        " per item, \u201crtgraph query GRAPH 15\u201d lists them all)";
    }
    wrap.appendChild(el("h3", null, head));
    if (!passageIds.length) { wrap.appendChild(el("p", "rtg-hint", "No evidence sentence recorded.")); }
    moreList(wrap, passageIds, function (pid) {
      var p = DATA.passages[pid], doc = DATA.documents[p.doc] || {title: "", source: ""};
      var fig = el("figure", "rtg-passage");
      fig.appendChild(el("blockquote", null, p.text));
      var where = (doc.title || doc.source || "untitled document") + (p.section ? " \u2014 " + p.section : "");
      if (p.start !== null && p.start !== undefined) { where += " [" + p.start + "\u2013" + p.end + "]"; }
      fig.appendChild(el("figcaption", null, where));
      return fig;
    });
    return wrap;
  }
  function edgeText(e) { return byId[e.from].label + " \u2192 " + e.label + " \u2192 " + byId[e.to].label; }
  function showNode(id) {
    var n = byId[id];
    clearPanel();
    panel.appendChild(el("h2", "rtg-panel-title", n.label));
    var dl = el("dl");
    row(dl, "Class", n.type + (n.type !== n.top ? " (" + n.top + ")" : ""));
    row(dl, "Aliases", n.aliases.join(", "));  // variants (skos:hiddenLabel) are searchable, not shown
    row(dl, "Mentions", n.mentions);
    row(dl, "IRI", n.iri);
    if (n.exact.length) { row(dl, "Same as", n.exact.join(", ")); }
    panel.appendChild(dl);
    var rels = incident[id];
    panel.appendChild(el("h3", null, "Relations (" + rels.length + ")"));
    if (!rels.length) { panel.appendChild(el("p", "rtg-hint", "No relation to another entity was read.")); }
    var ul = el("ul", "rtg-relations");
    var passages = {}, capped = n.evidence_total > n.evidence.length;
    n.evidence.forEach(function (p) { passages[p] = true; });
    rels.forEach(function (eid) {
      edgeById[eid].evidence.forEach(function (p) { passages[p] = true; });
      capped = capped || edgeById[eid].evidence_total > edgeById[eid].evidence.length;
    });
    moreList(ul, rels, function (eid) {
      var e = edgeById[eid], li = el("li");
      var b = button(edgeText(e) + (e.background ? " (background)" : ""), function () { selectEdge(eid); });
      if (e.polarity === "Negative") { b.classList.add("rtg-negative"); }
      li.appendChild(b);
      return li;
    });
    panel.appendChild(ul);
    var facts = n.facts || [];
    if (facts.length) {
      panel.appendChild(el("h3", null, "Dates, figures and trends (" + facts.length + ")"));
      var fl = el("ul", "rtg-facts");
      facts.forEach(function (f) {
        var li = el("li");
        var head = f.kind === "date" ? "Date " + f.text : f.detail;
        var rest = f.kind === "date" || f.text === f.detail ? "" : " \u2014 " + f.text;
        li.appendChild(el("strong", null, head));
        li.appendChild(document.createTextNode(rest + (f.period ? " (" + f.period + ")" : "")));
        fl.appendChild(li);
        f.evidence.forEach(function (p) { passages[p] = true; });
        capped = capped || f.evidence_total > f.evidence.length;
      });
      panel.appendChild(fl);
    }
    var ids = Object.keys(passages).map(Number).sort(function (a, b) { return a - b; });
    panel.appendChild(evidenceList(ids, capped));
  }
  function showEdge(id) {
    var e = edgeById[id];
    clearPanel();
    var title = el("h2", "rtg-panel-title", edgeText(e));
    if (e.polarity === "Negative") { title.classList.add("rtg-negative"); }
    panel.appendChild(title);
    if (e.polarity === "Negative") {
      panel.appendChild(el("p", "rtg-negative-note", "Denied: the text says this relation does not hold."));
    }
    if (e.background) { panel.appendChild(el("p", "rtg-background-note", BACKGROUND_NOTE)); }
    var dl = el("dl");
    row(dl, "Predicate", e.predicate);
    row(dl, "Polarity", e.polarity);
    row(dl, "Modality", e.modality);
    row(dl, "Confidence", e.confidence === null ? null : e.confidence.toFixed(2));
    row(dl, "Assertions", e.assertions);
    row(dl, "Extractors", e.extractors.join(", "));
    row(dl, "Attributed to", e.attributed.join(", "));
    if (e.derived.length) {
      row(dl, "Derived from", e.derived.map(function (iri) {
        return "lexicon " + iri.slice(iri.lastIndexOf("#") + 1) + " (" + iri + ")";
      }).join(", "));
    }
    if (e.background) { row(dl, "Both named in", e.named_in.join("; ")); }
    panel.appendChild(dl);
    [e.from, e.to].forEach(function (nid) {
      panel.appendChild(button(byId[nid].label, function () { selectNode(nid, {focus: false}); }));
    });
    if (e.background && !e.evidence.length) {
      var none = el("div", "rtg-evidence");
      none.appendChild(el("h3", null, "Evidence (0)"));
      none.appendChild(el("p", "rtg-hint", "No sentence states this relation; it is known from the lexicon."));
      panel.appendChild(none);
    } else {
      if (e.evidence_total > e.evidence.length) {
        panel.appendChild(el("p", "rtg-hint", e.evidence_total + " passages state this relation; " +
          e.evidence.length + " are kept in the page."));
      }
      panel.appendChild(evidenceList(e.evidence, e.evidence_total > e.evidence.length));
    }
  }

  /* ---------- selection ---------- */
  var status = document.getElementById("rtg-search-status");
  function selectNode(id, opts) {
    id = Number(id);
    var n = byId[id];
    if (!n) { return false; }
    ungroup();
    showNode(id);
    if (n.x === null) {
      net.unselectAll();
      unhighlight();
      status.textContent = n.label + " has no relation: it is listed under \u201cEntities without relations\u201d.";
      return true;
    }
    if (!shownNodes[id]) { status.textContent = n.label + " is hidden by the filters."; }
    var draw = function () {
      net.selectNodes([id]);
      if (!opts || opts.focus !== false) {  // move first, so that labels are placed once, for the final view
        net.focus(id, {scale: Math.max(net.getScale(), 1), animation: false});
      }
      highlight([id].concat(net.getConnectedNodes(id)), net.getConnectedEdges(id));
    };
    // a large graph: the panel now, the canvas (a pass over every node and edge) right after
    if (DATA.group) { setTimeout(draw, 0); } else { draw(); }
    return true;
  }
  function selectEdge(id) {
    id = Number(id);
    var e = edgeById[id];
    if (!e) { return false; }
    ungroup();
    net.setSelection({nodes: [], edges: [id]}, {unselectAll: true, highlightEdges: false});
    highlight([e.from, e.to], [id]);
    showEdge(id);
    return true;
  }
  function clearSelection() {
    net.unselectAll();
    unhighlight();
    clearPanel();
    panel.appendChild(el("p", "rtg-hint", "Click a node or a relation to see its evidence."));
  }

  /* ---------- search ---------- */
  var searchBox = document.getElementById("rtg-search");
  var datalist = document.getElementById("rtg-names");
  var names = {};
  DATA.nodes.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (name) { names[name] = true; });
  });
  Object.keys(names).sort().forEach(function (name) {
    var opt = document.createElement("option");
    opt.value = name;
    datalist.appendChild(opt);
  });
  function search(query) {
    var q = fold(query).trim();
    if (!q) { return null; }
    var tests = [
      function (n) { return fold(n.label) === q; },
      function (n) { return n.aliases.concat(n.variants).some(function (a) { return fold(a) === q; }); },
      function (n) { return fold(n.label).indexOf(q) === 0; },
      function (n) {
        return [n.label].concat(n.aliases, n.variants).some(function (a) { return fold(a).indexOf(q) >= 0; });
      }
    ];
    for (var i = 0; i < tests.length; i++) {
      var hit = DATA.nodes.filter(tests[i]);
      if (hit.length) {
        status.textContent = hit.length > 1 ? hit.length + " matches; showing the first" : "";
        selectNode(hit[0].id);
        return hit[0].id;
      }
    }
    status.textContent = "No entity matches \u201c" + query + "\u201d";
    return null;
  }
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); search(searchBox.value); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { clearSelection(); }
  });

  /* ---------- physics ---------- */
  var physics = document.getElementById("rtg-physics");
  physics.checked = false;
  physics.addEventListener("change", function () {
    net.setOptions({physics: {enabled: physics.checked, stabilization: {enabled: true, iterations: 200}}});
  });

  /* ---------- the graph: everything above is in place before the first draw ---------- */
  var container = net.canvas.frame;  // vis's own frame: its keyboard bindings listen there
  container.setAttribute("tabindex", "0");
  container.setAttribute("role", "application");
  container.setAttribute("aria-label", "Graph of " + plural(related.length, "related entity", "related entities") +
    "; arrow keys pan, + and - zoom; use the search box or the panel lists to reach an entity");
  net.setOptions({interaction: {keyboard: {enabled: true, bindToWindow: false}}});
  readHash();
  computeShown();
  function addEntities() {
    labelSize = {};
    nodesDS.add(related.map(function (n) {
      labelSize[n.id] = 0;
      return {id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, shape: classOf(n).shape, color: nodeColor(n),
              font: {size: 0, color: FONT}, hidden: !shownNodes[n.id]};
    }));
    edgesDS.add(DATA.edges.map(function (e) {
      return {
        id: e.id, from: e.from, to: e.to, label: e.label, dashes: dashesOf(e), color: edgeColor(e),
        width: e.polarity === "Negative" ? 2.5 : e.background ? 1 : 1.5, hidden: !shownEdges[e.id],
        font: {size: 10, color: e.polarity === "Negative" ? NEGATIVE : "#333333"},
        smooth: e.curve ? {enabled: true, type: "curvedCW", roundness: 0.2 * e.curve} : false
      };
    }));
    var core = related.filter(function (n) { return shownNodes[n.id]; }).map(function (n) { return n.id; });
    net.fit({nodes: core.length ? core : undefined, animation: false});
    net.moveTo({scale: net.getScale() * 0.92, animation: false});  // room for labels at the edges
    relabel();
  }
  var T1 = performance.now();
  if (DATA.group) {
    group();
    fitGrouped();
  } else {
    addEntities();
  }
  var T2 = performance.now();
  api.timings = {script: T0, setup: T1 - T0, view: T2 - T1};

  net.on("click", function (params) {
    var hit = params.nodes.length ? params.nodes[0] : null;
    if (hit !== null && String(hit).indexOf("class:") === 0) {
      var cls = String(hit).slice(6);
      ungroup();
      net.fit({nodes: related.filter(function (n) { return n.top === cls && shownNodes[n.id]; })
        .map(function (n) { return n.id; }), animation: false});
      relabel();
    } else if (hit !== null) { selectNode(hit, {focus: false}); }
    else if (params.edges.length && !api.grouped) { selectEdge(params.edges[0]); }
    else { clearSelection(); }
  });
  net.on("zoom", function () {
    if (api.grouped && net.getScale() > groupScale * 2) { ungroup(); }
    relabelSoon();
  });
  net.on("dragEnd", relabelSoon);
  window.addEventListener("resize", relabelSoon);

  function markReady() {
    net.off("afterDrawing", markReady);
    api.ready = true;
    writeHash();
    document.body.setAttribute("data-rtgraph-ready", "true");
    if (DATA.focus.length) { selectNode(DATA.focus[0], {focus: false}); }
  }
  net.on("afterDrawing", markReady);
  net.redraw();
})();
