// The Codification map: asks the server for the plotly figure of /map (the same treemap as
// `asckg view codification`) and draws it with plotly.js, served by this server too. Without
// JavaScript, or if the figure cannot be had, the page keeps its table of the Topics.
"use strict";
(function () {
  const box = document.getElementById("codification-map");
  if (!box || typeof Plotly === "undefined") return;
  fetch(box.dataset.figure, { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error("the map's figure: HTTP " + response.status);
      return response.json();
    })
    .then(function (figure) {
      box.hidden = false;
      return Plotly.newPlot(box, figure);
    })
    .then(function () {
      box.dataset.ready = "1";
    })
    .catch(function (error) {
      box.hidden = true;
      const note = document.createElement("p");
      note.className = "problem";
      note.textContent = "The map could not be drawn (" + error.message + "); the table below has its numbers.";
      box.after(note);
    });
})();
