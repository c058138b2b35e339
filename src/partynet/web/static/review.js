// The review queue: j/k move, a accept, r reject, e edit (a dialog), each decision sent to the API
// with the session's CSRF token; the row shows the new status.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const items = Array.from(document.querySelectorAll("#queue .item"));
  const editor = document.getElementById("editor");
  const form = document.getElementById("edit-form");
  const error = document.getElementById("edit-error");
  let current = 0;

  function select(index) {
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach((item, i) => item.classList.toggle("current", i === current));
    items[current].focus();
    items[current].scrollIntoView({ block: "nearest" });
  }

  async function send(method, path, body) {
    const response = await fetch(path, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body || {}),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error ? answer.error.message : response.statusText);
    return answer;
  }

  function show(item, exchange) {
    item.querySelector(".status").textContent = exchange.status;
    item.querySelector(".kind").textContent = exchange.kind;
    item.dataset.kind = exchange.kind;
    item.dataset.date = exchange.date || "";
    item.dataset.place = exchange.place || "";
  }

  async function decide(action) {
    const item = items[current];
    try {
      show(item, await send("POST", "/api/exchanges/" + item.dataset.id + "/" + action));
      select(current + 1);
    } catch (failure) {
      item.querySelector(".status").textContent = "not saved: " + failure.message;
    }
  }

  function edit() {
    const item = items[current];
    form.elements.kind.value = item.dataset.kind;
    form.elements.date.value = item.dataset.date;
    form.elements.place.value = item.dataset.place;
    form.elements.note.value = "";
    error.textContent = "";
    editor.showModal();
    form.elements.kind.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const item = items[current];
    const change = { kind: form.elements.kind.value, date: form.elements.date.value, place: form.elements.place.value, note: form.elements.note.value || null };
    try {
      show(item, await send("PATCH", "/api/exchanges/" + item.dataset.id, change));
      editor.close();
      item.focus();
    } catch (failure) {
      error.textContent = failure.message;
    }
  });
  document.getElementById("cancel").addEventListener("click", () => editor.close());

  document.addEventListener("keydown", (event) => {
    if (editor.open || event.target.tagName === "INPUT" || event.ctrlKey || event.metaKey || event.altKey) return;
    const actions = { j: () => select(current + 1), k: () => select(current - 1), a: () => decide("accept"), r: () => decide("reject"), e: edit };
    if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  });
  items.forEach((item, i) => item.addEventListener("click", () => select(i)));
  select(0);
})();
