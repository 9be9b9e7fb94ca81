// The reading room's only script: suggestions while typing in a search box. Without it the box
// is a plain form that still goes to the right page.
"use strict";
(function () {
  function attach(input) {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    let timer = null;
    let asked = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      const text = input.value.trim();
      if (text.length < 2 || text === asked) return;
      timer = setTimeout(async function () {
        asked = text;
        try {
          const response = await fetch("/suggest?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } });
          if (!response.ok || input.value.trim() !== text) return;
          const hits = await response.json();
          list.replaceChildren(...hits.map(function (hit) {
            const option = document.createElement("option");
            option.value = hit.kind === "company" ? hit.label : hit.key;
            option.label = hit.label + " (" + hit.kind + ")";
            return option;
          }));
        } catch (err) {
          list.replaceChildren();
        }
      }, 150);
    });
  }
  document.querySelectorAll("input[type=search][list]").forEach(attach);
})();
