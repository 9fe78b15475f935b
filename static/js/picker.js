// Pickers (core/components/picker): the find box becomes an accessible-autocomplete type-ahead
// over /pick/<source>/; a confirmed match is added to the list of choices as a ticked checkbox
// (or a chosen radio). Without this script, the Find button searches on the server.
import "../vendor/autocomplete/accessible-autocomplete.min.js";

const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function addChoice(picker, option) {
  const multiple = picker.dataset.multiple === "true";
  const kind = multiple ? "checkboxes" : "radios";
  const name = picker.dataset.name;
  const list = picker.querySelector(".app-picker__chosen");
  let input = [...list.querySelectorAll("input")].find((i) => i.value === option.value);
  if (!input) {
    const item = document.createElement("div");
    item.className = `nhsuk-${kind}__item`;
    input = document.createElement("input");
    input.className = `nhsuk-${kind}__input`;
    input.type = multiple ? "checkbox" : "radio";
    input.name = name;
    input.value = option.value;
    input.id = `${name}-${option.value}`;
    const label = document.createElement("label");
    label.className = `nhsuk-label nhsuk-${kind}__label`;
    label.htmlFor = input.id;
    label.textContent = option.text;
    item.append(input, label);
    list.append(item);
  }
  input.checked = true;
  picker.querySelector(".app-picker__empty").hidden = true;
}

export function initPickers(root = document) {
  if (!window.accessibleAutocomplete) return;
  for (const picker of root.querySelectorAll("[data-app-picker]")) {
    const row = picker.querySelector("[data-app-picker-find]");
    const original = row.querySelector("input");
    const id = original.id;
    const container = document.createElement("div");
    container.className = "app-picker__autocomplete";
    row.replaceWith(container);
    let controller;
    window.accessibleAutocomplete({
      element: container,
      id,
      minLength: 2,
      showNoOptionsFound: true,
      confirmOnBlur: false,
      displayMenu: "list",
      tNoResults: () => "Nothing found",
      tStatusQueryTooShort: (n) => `Type ${n} or more characters to see matches`,
      source: (query, populate) => {
        controller?.abort();
        controller = new AbortController();
        fetch(`${picker.dataset.source}?q=${encodeURIComponent(query)}`, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          signal: controller.signal,
        })
          .then((response) => (response.ok ? response.json() : { results: [] }))
          .then((data) => populate(data.results))
          .catch(() => {});
      },
      templates: {
        inputValue: () => "",
        suggestion: (option) => (typeof option === "string" ? escape(option) : escape(option.text)),
      },
      onConfirm: (option) => option && addChoice(picker, option),
    });
  }
}
