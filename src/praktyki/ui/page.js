() => {
  // Runs once when the page loads. Gradio's chat has no i18n keys for these labels and copies a
  // message's raw markup; here they become Polish, plain text, and [n] opens its own source.
  const chat = () => document.getElementById("chat");
  const ROLE = { user: "Pytanie", bot: "Odpowiedź", assistant: "Odpowiedź" };
  const squash = (s) => s.replace(/\s+/g, " ").trim();

  // The answer as a reader would copy it: its sentences, then the numbered sources.
  const plainText = (message) => {
    const box = message.querySelector(".message-content") || message;
    const parts = [];
    const sources = [];
    let header = "";
    for (const node of box.querySelectorAll("p, details, blockquote, li")) {
      if (node.closest("details") && node.tagName !== "DETAILS") continue;
      if (node.tagName === "DETAILS") {
        sources.push(squash(node.querySelector("summary")?.textContent || ""));
      } else if (node.tagName === "P" && /^[^\[]+:$/.test(squash(node.textContent))) {
        header = squash(node.textContent);
      } else {
        parts.push(squash(node.textContent));
      }
    }
    if (!parts.length && !sources.length) return squash(box.textContent || "");
    return [parts.join("\n\n"), sources.length ? `${header}\n${sources.join("\n")}` : ""]
      .filter(Boolean)
      .join("\n\n");
  };

  const relabel = () => {
    const root = chat();
    if (!root) return;
    const log = root.querySelector('[role="log"]');
    if (log && log.getAttribute("aria-label") !== "Rozmowa") log.setAttribute("aria-label", "Rozmowa");
    for (const m of root.querySelectorAll("[data-testid=user], [data-testid=bot]")) {
      const label = `${ROLE[m.dataset.testid]}: ${plainText(m)}`;
      if (m.getAttribute("aria-label") !== label) m.setAttribute("aria-label", label);
    }
  };
  new MutationObserver(relabel).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
  });

  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target || !target.closest("#chat")) return;
      // [n]: open that source under its own answer and move the focus to it.
      const cite = target.closest('a[href^="#zrodlo-"]');
      if (cite) {
        event.preventDefault();
        event.stopPropagation();
        const marker = squash(cite.textContent);
        const answer = cite.closest("[data-testid=bot]") || document;
        const source =
          document.getElementById(cite.getAttribute("href").slice(1)) ||
          [...answer.querySelectorAll("details")].find((d) =>
            squash(d.querySelector("summary")?.textContent || "").startsWith(marker),
          );
        if (source) {
          source.open = true;
          const summary = source.querySelector("summary");
          summary?.setAttribute("tabindex", "0");
          summary?.focus({ preventScroll: true });
          // Again once the chat has reacted to its taller content (it scrolls to the bottom).
          const show = () => source.scrollIntoView({ block: "nearest" });
          show();
          setTimeout(show, 250);
          setTimeout(show, 800);
        }
        return;
      }
      // Copy: plain text with the numbered sources, not the message's markup.
      const copy = target.closest('button[aria-label="Kopiuj wiadomość"]');
      if (copy) {
        let row = copy.closest('[class*="message-buttons"]')?.previousElementSibling;
        while (row && !row.querySelector("[data-testid=user], [data-testid=bot]")) {
          row = row.previousElementSibling;
        }
        const message = row?.querySelector("[data-testid=user], [data-testid=bot]");
        if (message && navigator.clipboard) {
          event.preventDefault();
          event.stopPropagation();
          navigator.clipboard.writeText(plainText(message));
        }
      }
    },
    true,
  );
}
