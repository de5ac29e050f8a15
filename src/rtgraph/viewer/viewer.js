/* rtgraph viewer: reads the JSON blob, fills pyvis's vis DataSets, wires the UI.
 * Safety rule: data reaches the page ONLY through textContent / createTextNode
 * (never innerHTML), and no inline event-handler attributes are ever built. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("rtgraph-data").textContent);
  var net = window.network;          // created by pyvis's drawGraph()
  var nodesDS = window.nodes;
  var edgesDS = window.edges;
  var NEGATIVE = "#D55E00", EDGE = "#6b6b6b", BACKGROUND = "#a8a8a8", DIM = "rgba(190,190,190,0.35)", DIM_EDGE = "rgba(190,190,190,0.25)";
  var FONT = "#1a1a1a", DIM_FONT = "rgba(26,26,26,0.35)";
  var BACKGROUND_NOTE = "Background knowledge from the lexicon (not stated in the text).";

  var classes = {}, byId = {}, edgeById = {}, incident = {};
  DATA.classes.forEach(function (c) { classes[c.name] = c; });
  DATA.nodes.forEach(function (n) { byId[n.id] = n; incident[n.id] = []; });
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e;
    incident[e.from].push(e.id);
    if (e.to !== e.from) { incident[e.to].push(e.id); }
  });

  var api = window.rtgraph = {
    network: net, nodes: nodesDS, edges: edgesDS, data: DATA, ready: false,
    selectNode: selectNode, selectEdge: selectEdge, search: search, clearSelection: clearSelection
  };

  /* ---------- helpers ---------- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function classOf(n) { return classes[n.top] || {color: "#999999", shape: "ellipse", glyph: "?"}; }
  function nodeColor(n) {
    var c = classOf(n).color;
    return {background: c, border: "#333333", highlight: {background: c, border: "#000000"}};
  }
  function edgeLook(e) {
    if (e.background) { return {color: BACKGROUND, dashes: [10, 4, 2, 4]}; }  // grey dot-dash
    if (e.polarity === "Negative") { return {color: NEGATIVE, dashes: [2, 5]}; }
    if (e.modality !== "Asserted") { return {color: EDGE, dashes: [8, 6]}; }
    return {color: EDGE, dashes: false};
  }
  function edgeColor(e) { var c = edgeLook(e).color; return {color: c, highlight: "#000000", inherit: false}; }
  function fold(s) { return String(s).toLocaleLowerCase(); }

  /* ---------- vis data ---------- */
  var visNodes = DATA.nodes.map(function (n) {
    return {id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, shape: classOf(n).shape, color: nodeColor(n)};
  });
  var visEdges = DATA.edges.map(function (e) {
    var look = edgeLook(e);
    return {
      id: e.id, from: e.from, to: e.to, label: e.predicate, dashes: look.dashes, color: edgeColor(e),
      width: e.polarity === "Negative" ? 2 : e.background ? 1 : 1.5,
      smooth: e.curve ? {enabled: true, type: "curvedCW", roundness: 0.2 * e.curve} : false
    };
  });

  function markReady() {
    if (nodesDS.length !== DATA.nodes.length || api.ready) { return; }
    net.off("afterDrawing", markReady);
    api.ready = true;
    document.body.setAttribute("data-rtgraph-ready", "true");
    if (DATA.focus.length) { selectNode(DATA.focus[0], {focus: false}); }
  }
  net.on("afterDrawing", markReady);
  nodesDS.add(visNodes);
  edgesDS.add(visEdges);
  net.fit({animation: false});
  net.moveTo({scale: net.getScale() * 0.9, animation: false});  // room for labels at the edges
  net.redraw();

  /* ---------- highlight ---------- */
  var highlighted = false;
  function highlight(nodeIds, edgeIds) {
    var keepN = {}, keepE = {};
    nodeIds.forEach(function (id) { keepN[id] = true; });
    edgeIds.forEach(function (id) { keepE[id] = true; });
    nodesDS.update(DATA.nodes.map(function (n) {
      return keepN[n.id] ? {id: n.id, color: nodeColor(n), font: {color: FONT}}
        : {id: n.id, color: {background: DIM, border: DIM}, font: {color: DIM_FONT}};
    }));
    edgesDS.update(DATA.edges.map(function (e) {
      return {id: e.id, color: keepE[e.id] ? edgeColor(e) : {color: DIM_EDGE, inherit: false}};
    }));
    highlighted = true;
  }
  function unhighlight() {
    if (!highlighted) { return; }
    nodesDS.update(DATA.nodes.map(function (n) { return {id: n.id, color: nodeColor(n), font: {color: FONT}}; }));
    edgesDS.update(DATA.edges.map(function (e) { return {id: e.id, color: edgeColor(e)}; }));
    highlighted = false;
  }

  /* ---------- side panel ---------- */
  var panel = document.getElementById("rtg-panel");
  function clearPanel() { while (panel.firstChild) { panel.removeChild(panel.firstChild); } }
  function row(dl, key, value) {
    dl.appendChild(el("dt", null, key));
    dl.appendChild(el("dd", null, value === null || value === undefined || value === "" ? "\u2014" : value));
  }
  function evidenceList(passageIds) {
    var wrap = el("div", "rtg-evidence");
    wrap.appendChild(el("h3", null, "Evidence (" + passageIds.length + ")"));
    if (!passageIds.length) { wrap.appendChild(el("p", "rtg-hint", "No evidence sentence recorded.")); }
    passageIds.forEach(function (pid) {
      var p = DATA.passages[pid], doc = DATA.documents[p.doc] || {title: "", source: ""};
      var fig = el("figure", "rtg-passage");
      fig.appendChild(el("blockquote", null, p.text));
      var where = (doc.title || doc.source || "untitled document") + (p.section ? " \u2014 " + p.section : "");
      if (p.start !== null && p.start !== undefined) { where += " [" + p.start + "\u2013" + p.end + "]"; }
      fig.appendChild(el("figcaption", null, where));
      wrap.appendChild(fig);
    });
    return wrap;
  }
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
    var ul = el("ul", "rtg-relations");
    var passages = {};
    n.evidence.forEach(function (p) { passages[p] = true; });
    rels.forEach(function (eid) {
      var e = edgeById[eid], li = el("li");
      var btn = el("button", "rtg-link", edgeText(e) + (e.background ? " (background)" : ""));
      btn.type = "button";
      btn.addEventListener("click", function () { selectEdge(eid); });
      li.appendChild(btn);
      ul.appendChild(li);
      e.evidence.forEach(function (p) { passages[p] = true; });
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
      });
      panel.appendChild(fl);
    }
    var ids = Object.keys(passages).map(Number).sort(function (a, b) { return a - b; });
    panel.appendChild(evidenceList(ids));
  }
  function edgeText(e) {
    var verb = (e.polarity === "Negative" ? "NOT " : "") + e.predicate;
    return byId[e.from].label + " \u2192 " + verb + " \u2192 " + byId[e.to].label;
  }
  function showEdge(id) {
    var e = edgeById[id];
    clearPanel();
    panel.appendChild(el("h2", "rtg-panel-title", edgeText(e)));
    if (e.background) { panel.appendChild(el("p", "rtg-background-note", BACKGROUND_NOTE)); }
    var dl = el("dl");
    row(dl, "Predicate", e.predicate);
    row(dl, "Polarity", e.polarity);
    row(dl, "Modality", e.modality);
    row(dl, "Confidence", e.confidence === null ? null : e.confidence.toFixed(2));
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
      var btn = el("button", "rtg-link", byId[nid].label);
      btn.type = "button";
      btn.addEventListener("click", function () { selectNode(nid, {focus: false}); });
      panel.appendChild(btn);
    });
    if (e.background && !e.evidence.length) {
      var none = el("div", "rtg-evidence");
      none.appendChild(el("h3", null, "Evidence (0)"));
      none.appendChild(el("p", "rtg-hint", "No sentence states this relation; it is known from the lexicon."));
      panel.appendChild(none);
    } else {
      panel.appendChild(evidenceList(e.evidence));
    }
  }

  /* ---------- selection ---------- */
  function selectNode(id, opts) {
    id = Number(id);
    if (!byId[id]) { return false; }
    net.selectNodes([id]);
    highlight([id].concat(net.getConnectedNodes(id)), net.getConnectedEdges(id));
    showNode(id);
    if (!opts || opts.focus !== false) {
      net.focus(id, {scale: Math.max(net.getScale(), 1), animation: false});
    }
    return true;
  }
  function selectEdge(id) {
    id = Number(id);
    var e = edgeById[id];
    if (!e) { return false; }
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
  net.on("click", function (params) {
    if (params.nodes.length) { selectNode(params.nodes[0], {focus: false}); }
    else if (params.edges.length) { selectEdge(params.edges[0]); }
    else { clearSelection(); }
  });

  /* ---------- search ---------- */
  var searchBox = document.getElementById("rtg-search");
  var status = document.getElementById("rtg-search-status");
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
        selectNode(hit[0].id);
        status.textContent = hit.length > 1 ? hit.length + " matches; showing the first" : "";
        return hit[0].id;
      }
    }
    status.textContent = "No entity matches \u201c" + query + "\u201d";
    return null;
  }
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); search(searchBox.value); }
  });

  /* ---------- filters ---------- */
  var hiddenClass = {}, hiddenPredicate = {};
  function applyFilters() {
    var nodeHidden = {};
    var nUp = [], eUp = [];
    DATA.nodes.forEach(function (n) {
      var h = !!hiddenClass[n.top];
      nodeHidden[n.id] = h;
      if (nodesDS.get(n.id).hidden !== h) { nUp.push({id: n.id, hidden: h}); }
    });
    DATA.edges.forEach(function (e) {
      var h = !!(hiddenPredicate[e.predicate] || nodeHidden[e.from] || nodeHidden[e.to]);
      if (!!edgesDS.get(e.id).hidden !== h) { eUp.push({id: e.id, hidden: h}); }
    });
    if (nUp.length) { nodesDS.update(nUp); }
    if (eUp.length) { edgesDS.update(eUp); }
  }
  function checkbox(container, name, count, glyph, color, onChange) {
    var label = el("label", "rtg-check");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = name;
    box.addEventListener("change", function () { onChange(name, !box.checked); applyFilters(); });
    label.appendChild(box);
    if (glyph) {
      var g = el("span", "rtg-glyph", glyph);
      g.style.color = color;
      label.appendChild(g);
    }
    label.appendChild(document.createTextNode(" " + name + " (" + count + ")"));
    container.appendChild(label);
    return box;
  }
  var classBox = document.getElementById("rtg-class-filters");
  DATA.classes.forEach(function (c) {
    if (c.count) {
      checkbox(classBox, c.name, c.count, c.glyph, c.color, function (name, hide) { hiddenClass[name] = hide; });
    }
  });
  var predBox = document.getElementById("rtg-predicate-filters");
  DATA.predicates.forEach(function (p) {
    checkbox(predBox, p.name, p.count, null, null, function (name, hide) { hiddenPredicate[name] = hide; });
  });

  /* ---------- legend ---------- */
  var legend = document.getElementById("rtg-legend");
  DATA.classes.forEach(function (c) {
    var item = el("div", "rtg-legend-item");
    var g = el("span", "rtg-glyph", c.glyph);
    g.style.color = c.color;
    item.appendChild(g);
    item.appendChild(document.createTextNode(" " + c.name + " (" + c.shape + ")"));
    legend.appendChild(item);
  });
  [["rtg-line-solid", "asserted, positive"], ["rtg-line-dashed", "expected or possible"],
   ["rtg-line-dotted", "negative (does not)"],
   ["rtg-line-background", "background knowledge from the lexicon (not stated in the text)"]].forEach(function (pair) {
    var item = el("div", "rtg-legend-item " + pair[0] + "-item");
    item.appendChild(el("span", "rtg-line " + pair[0]));
    item.appendChild(document.createTextNode(" " + pair[1]));
    legend.appendChild(item);
  });
  legend.appendChild(el("p", "rtg-hint", "Node size grows with the number of mentions."));

  /* ---------- physics ---------- */
  var physics = document.getElementById("rtg-physics");
  physics.checked = false;
  physics.addEventListener("change", function () {
    net.setOptions({physics: {enabled: physics.checked}});
  });
})();
