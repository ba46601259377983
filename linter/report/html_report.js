// copylint HTML report: filters, search, and the panel that shows a finding with its rule's guidance.
// Highlights (<mark data-i>) and table rows (<tr data-i>) share a finding's number; a rule's guidance
// is written once (<article data-rule>) and copied into the panel. Keys: j / k move to the next or
// previous shown finding; Enter or focus shows it.
(function () {
  "use strict";
  const rows = Array.from(document.querySelectorAll("tr.row"));
  const marksByFinding = new Map();
  for (const mark of document.querySelectorAll("mark.finding")) {
    marksByFinding.set(mark.dataset.i, mark);
  }
  const rowsByFinding = new Map(rows.map((row) => [row.dataset.i, row]));
  const guidance = new Map(
    Array.from(document.querySelectorAll("article.rule")).map((article) => [article.dataset.rule, article])
  );
  const detail = document.getElementById("detail");
  const search = document.getElementById("search");
  const fileFilter = document.getElementById("file-filter");
  const showWaived = document.getElementById("show-waived");
  const count = document.getElementById("shown-count");
  const boxes = Array.from(document.querySelectorAll("input[data-filter]"));
  function messageOf(rule) {
    const message = guidance.has(rule) ? guidance.get(rule).querySelector(".message") : null;
    return message ? message.textContent : "";
  }
  // what the search box looks in: the row (location, rule, words, waiver) and its rule's message
  const searchable = new Map(rows.map((row) => [row, (row.textContent + " " + messageOf(row.dataset.rule)).toLowerCase()]));
  let selected = null;

  function checked(group) {
    return new Set(boxes.filter((box) => box.dataset.filter === group && box.checked).map((box) => box.value));
  }

  function applyFilters() {
    const categories = checked("category");
    const severities = checked("severity");
    const file = fileFilter.value;
    const words = search.value.trim().toLowerCase();
    const waived = showWaived.checked;
    const filesShown = new Set();
    let shown = 0;
    for (const row of rows) {
      const visible =
        categories.has(row.dataset.category) &&
        severities.has(row.dataset.severity) &&
        (file === "" || row.dataset.file === file) &&
        (waived || row.dataset.waived === "0") &&
        (words === "" || searchable.get(row).includes(words));
      row.hidden = !visible;
      const mark = marksByFinding.get(row.dataset.i);
      if (mark) mark.classList.toggle("off", !visible);
      if (mark) mark.tabIndex = visible ? 0 : -1;
      if (visible) {
        shown += 1;
        filesShown.add(row.dataset.file);
      }
    }
    for (const section of document.querySelectorAll("section.file")) {
      section.hidden = !filesShown.has(section.dataset.file);
    }
    count.textContent = shown + (shown === 1 ? " finding" : " findings") + " shown.";
  }

  function text(tag, content, className) {
    const element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  function show(i) {
    const row = rowsByFinding.get(i);
    if (!row) return;
    if (selected) {
      for (const element of selected) element.classList.remove("selected");
    }
    const mark = marksByFinding.get(i);
    selected = [row, mark].filter(Boolean);
    for (const element of selected) element.classList.add("selected");
    const cells = row.querySelectorAll("td");
    const path = row.closest("section.file").querySelector("h2").firstChild.textContent.trim();
    detail.replaceChildren(
      text("h3", row.dataset.severity + " · " + row.dataset.category),
      text("p", path + ":" + cells[0].textContent, "location"),
      cells[4].cloneNode(true)
    );
    const rule = guidance.get(row.dataset.rule);
    if (rule) {
      const copy = rule.cloneNode(true);
      copy.removeAttribute("id");
      detail.append(copy);
    }
  }

  function findingOf(element) {
    const holder = element.closest("[data-i]");
    return holder ? holder.dataset.i : null;
  }

  function visibleMarks() {
    return Array.from(document.querySelectorAll("mark.finding:not(.off)"));
  }

  function step(direction) {
    const marks = visibleMarks();
    if (!marks.length) return;
    const current = marks.indexOf(document.activeElement);
    const next = current < 0 ? (direction > 0 ? 0 : marks.length - 1) : (current + direction + marks.length) % marks.length;
    marks[next].focus();
    marks[next].scrollIntoView({ block: "center" });
  }

  document.addEventListener("focusin", (event) => {
    const i = findingOf(event.target);
    if (i !== null && !event.target.classList.contains("off")) show(i);
  });
  document.addEventListener("click", (event) => {
    const i = findingOf(event.target);
    if (i !== null && !event.target.classList.contains("off")) show(i);
  });
  document.addEventListener("keydown", (event) => {
    if (event.target.matches("input, select, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j") step(1);
    else if (event.key === "k") step(-1);
  });
  for (const control of [...boxes, fileFilter, showWaived]) control.addEventListener("change", applyFilters);
  search.addEventListener("input", applyFilters);
  applyFilters();
})();
