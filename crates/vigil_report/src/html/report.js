(function () {
  "use strict";
  var list = document.getElementById("findings-list");
  var controls = document.getElementById("controls");
  if (list && controls) {
    var items = Array.prototype.slice.call(list.querySelectorAll("article.finding"));
    var rule = document.getElementById("f-rule");
    var file = document.getElementById("f-file");
    var sort = document.getElementById("f-sort");
    var count = document.getElementById("f-count");
    var boxes = Array.prototype.slice.call(controls.querySelectorAll("input.f-sev"));
    controls.hidden = false;
    var filter = function () {
      var wanted = {};
      boxes.forEach(function (b) { wanted[b.value] = b.checked; });
      var shown = 0;
      items.forEach(function (el) {
        var ok = wanted[el.dataset.severity] &&
          (!rule.value || el.dataset.rule === rule.value) &&
          (!file.value || el.dataset.file === file.value);
        el.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + items.length + " findings shown";
    };
    var text = function (a, b) { return a < b ? -1 : a > b ? 1 : 0; };
    var order = function (a, b) { return Number(a.dataset.order) - Number(b.dataset.order); };
    var keys = {
      severity: function (a, b) { return Number(b.dataset.rank) - Number(a.dataset.rank) || order(a, b); },
      file: function (a, b) { return text(a.dataset.file, b.dataset.file) || Number(a.dataset.line) - Number(b.dataset.line) || order(a, b); },
      rule: function (a, b) { return text(a.dataset.rule, b.dataset.rule) || order(a, b); }
    };
    var resort = function () {
      items.slice().sort(keys[sort.value] || keys.severity).forEach(function (el) { list.appendChild(el); });
    };
    boxes.forEach(function (b) { b.addEventListener("change", filter); });
    rule.addEventListener("change", filter);
    file.addEventListener("change", filter);
    sort.addEventListener("change", resort);
    document.querySelectorAll("a.file-link").forEach(function (a) {
      a.addEventListener("click", function () { file.value = a.dataset.file; filter(); });
    });
    resort();
    filter();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = Array.prototype.slice.call(table.querySelectorAll("th[data-type]"));
    heads.forEach(function (th, column) {
      th.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var numeric = th.dataset.type === "num";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].dataset.value, y = b.cells[column].dataset.value;
          var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
          return descending ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.documentElement.classList.add("js");
})();
