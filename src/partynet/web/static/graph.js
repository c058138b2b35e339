// The network graph: nodes and edges from /api/network (with the page's filters), drawn by cytoscape.
(function () {
  "use strict";
  const form = document.getElementById("filters");
  const status = document.getElementById("graph-status");
  const palette = ["#1f6f8b", "#e07a1f", "#5a9e4b", "#b23a48", "#7b5ea7", "#8c6d46", "#d17fb5", "#6e6e6e"];
  let cy = null;

  function query() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (value) params.set(key, value);
    }
    return params;
  }

  async function load() {
    const params = query();
    status.textContent = "loading…";
    const response = await fetch("/api/network?" + params.toString(), { credentials: "same-origin" });
    if (!response.ok) {
      status.textContent = "could not load the network (" + response.status + ")";
      return;
    }
    const network = await response.json();
    const top = Math.max(0.0001, ...network.nodes.map((n) => n.pagerank || 0));
    const elements = network.nodes.map((n) => ({
      data: { id: n.id, label: n.label, size: 14 + 46 * ((n.pagerank || 0) / top), colour: palette[(n.community || 0) % palette.length] },
    })).concat(network.edges.map((e) => ({
      data: { id: e.source + "|" + e.target, source: e.source, target: e.target, width: 1 + Math.min(8, e.weight || 1) },
    })));
    if (cy) cy.destroy();
    cy = cytoscape({
      container: document.getElementById("graph"),
      elements: elements,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)", label: "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 120 } },
        { selector: "edge", style: { width: "data(width)", "line-color": "#b9c6cc", opacity: 0.8 } },
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 },
    });
    cy.on("tap", "node", (event) => { window.location.href = "/parties/" + encodeURIComponent(event.target.id()); });
    window.cy = cy;
    status.textContent = network.nodes.length + " parties, " + network.edges.length + " relations";
    history.replaceState(null, "", "/graph?" + params.toString());
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
  const initial = new URLSearchParams(window.location.search);
  for (const [key, value] of initial) {
    if (form.elements[key]) form.elements[key].value = value;
  }
  load();
})();
