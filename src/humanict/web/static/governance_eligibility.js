// Load a slate CSV chosen on disk into the form's text area (the form itself works without JS).
(function () {
  "use strict";
  const input = document.getElementById("slate-file");
  const area = document.getElementById("slate");
  if (!input || !area) return;
  input.addEventListener("change", function () {
    const file = input.files && input.files[0];
    if (!file) return;
    file.text().then(function (text) {
      area.value = text;
      area.dataset.loaded = file.name;
    });
  });
})();
