/* Hotline console: answer + copyable script, kb search with highlights, calculator, clauses.
   Data is rendered with textContent and DOM nodes only. */
"use strict";

(() => {
  const { el, renderCitations, renderClauseFacts, renderCalculations, calculationsOf, errorMessage, formatYuan } =
    PolicyBot;
  const measures = new Map(); // id -> measure
  let staffSession = null;

  function clauseName(id) {
    const m = measures.get(id);
    return m ? `第${m.number}项 ${m.title}` : id;
  }

  // The server answers within a second (first streamed text in 15–60 ms, issue 11): a request
  // still open after 20 s is not coming back.
  const TIMEOUT_MS = 20_000;
  const OFFLINE = "连不上服务器：请检查网络连接，然后点「重试」。";
  const STALLED = `服务器 ${TIMEOUT_MS / 1000} 秒没有答复：请点「重试」；仍不行请稍后再试。`;
  const UNREADABLE = "服务器的答复无法读取：请点「重试」；仍不行请稍后再试。";

  // The server's own message (Chinese, saying what to change) for a refused request.
  class Refused extends Error {}

  // The body, and with `withId` the id the server gave the answer (for 有用/没用).
  async function getJSON(url, options, withId = false) {
    const response = await fetch(url, options);
    if (!response.ok) throw new Refused(await errorMessage(response));
    const data = await response.json();
    return withId ? [data, response.headers.get("X-Answer-Id")] : data;
  }

  function post(body) {
    return { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  }

  // Thrown for a request that a later one (or 新来电) replaced: its panel is no longer its own.
  class Superseded extends Error {}

  // One request at a time per panel: a new one cancels the last, and only the latest renders
  // (two quick searches must not mix their hits).
  function latestOnly() {
    let current = null;
    return {
      async get(url, options = {}, withId = false) {
        this.cancel();
        const own = new AbortController();
        current = own;
        let stalled = false;
        const timer = setTimeout(() => {
          stalled = true;
          own.abort();
        }, TIMEOUT_MS);
        try {
          const data = await getJSON(url, { ...options, signal: own.signal }, withId);
          if (current !== own) throw new Superseded();
          return data;
        } catch (error) {
          if (stalled) throw new Error(STALLED);
          if (own.signal.aborted || current !== own) throw new Superseded();
          if (error instanceof Refused) throw error;
          // fetch rejects with a TypeError ("Failed to fetch") when there is no connection.
          throw new Error(error instanceof TypeError ? OFFLINE : UNREADABLE);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel() {
        if (current) current.abort();
        current = null;
      },
    };
  }
  const channels = { ask: latestOnly(), search: latestOnly(), calc: latestOnly() };

  // An error, announced, with a 重试 that asks again with the same input.
  function failure(message, retry) {
    const box = el("span", "error");
    box.setAttribute("role", "alert");
    box.appendChild(document.createTextNode(`${message} `));
    const button = box.appendChild(el("button", "retry ghost", "重试"));
    button.type = "button";
    button.addEventListener("click", retry);
    return box;
  }

  // Puts `value` back in the box (it may have been cleared since) and submits its form again.
  function resubmit(box, value) {
    box.value = value;
    box.form.requestSubmit();
  }

  /* ---------- answer + copy script ---------- */
  const replyBox = document.getElementById("staff-reply");
  const answerBox = document.getElementById("staff-answer");
  const extraBox = document.getElementById("staff-extra");
  const scriptBox = document.getElementById("copy-script");
  const copyStatus = document.getElementById("copy-status");

  document.getElementById("staff-ask").addEventListener("submit", async (event) => {
    event.preventDefault();
    const question = document.getElementById("staff-question").value.trim();
    if (!question) return;
    replyBox.hidden = false;
    answerBox.textContent = "正在查询…";
    extraBox.replaceChildren();
    scriptBox.value = "";
    copyStatus.textContent = "";
    resetRating();
    try {
      const [reply, answerId] = await channels.ask.get(
        "/api/chat",
        post({ message: question, session_id: staffSession, format: "plain" }),
        true,
      );
      staffSession = reply.session_id;
      rated = { answerId, sessionId: reply.session_id };
      ratingBox.hidden = !answerId; // an answer the log did not get cannot be rated
      // The brief leaves out what the blocks below show; the script is the server's.
      answerBox.textContent = reply.brief ?? reply.answer;
      const calcs = calculationsOf(reply);
      if (calcs.length) extraBox.appendChild(renderCalculations(calcs.map(agreeing)));
      extraBox.appendChild(renderCitations(reply.citations, { clauseName, href: clauseLink }));
      scriptBox.value = reply.hotline_script ?? reply.answer;
    } catch (error) {
      if (error instanceof Superseded) return;
      const box = document.getElementById("staff-question");
      answerBox.replaceChildren(failure(error.message, () => resubmit(box, question)));
    }
  });

  document.getElementById("copy-answer").addEventListener("click", async () => {
    const text = scriptBox.value;
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
    } catch (_) {
      // No clipboard permission (e.g. plain http on a LAN address): select and copy.
      scriptBox.select();
      document.execCommand("copy");
    }
    copyStatus.textContent = "已复制，可直接念给来电人。";
  });

  /* ---------- 有用/没用 on the answer, for the question log ---------- */
  const ratingBox = document.querySelector("#staff-reply .rating");
  const ratingButtons = [...ratingBox.querySelectorAll("button")];
  const ratingStatus = document.getElementById("rating-status");
  let rated = null; // { answerId, sessionId } of the answer shown

  function resetRating() {
    rated = null;
    ratingBox.hidden = true;
    ratingButtons.forEach((node) => node.setAttribute("aria-pressed", "false"));
    ratingStatus.textContent = "";
  }

  ratingBox.addEventListener("click", async (event) => {
    const chosen = event.target.closest("button[data-rating]");
    if (!chosen || !rated || !rated.answerId) return;
    const answer = rated;
    const rating = chosen.dataset.rating;
    try {
      await getJSON(
        "/api/feedback",
        {
          ...post({ answer_id: answer.answerId, session_id: answer.sessionId, rating }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        },
      );
    } catch (error) {
      if (rated !== answer) return;
      ratingStatus.textContent =
        error instanceof Refused ? error.message : "评价没有发送成功：请检查网络后再点一次。";
      return;
    }
    if (rated !== answer) return; // another answer is shown by now
    ratingButtons.forEach((node) => node.setAttribute("aria-pressed", String(node === chosen)));
    ratingStatus.textContent = "已记下，谢谢。";
  });

  /* ---------- kb search with highlights ---------- */
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function highlighted(text, terms) {
    const frag = document.createDocumentFragment();
    const usable = terms.filter((t) => t && t.trim());
    if (!usable.length) {
      frag.appendChild(document.createTextNode(text));
      return frag;
    }
    const pattern = new RegExp(`(${usable.map(escapeRegExp).join("|")})`, "gi");
    text.split(pattern).forEach((part, index) => {
      if (!part) return;
      if (index % 2 === 1) frag.appendChild(el("mark", null, part));
      else frag.appendChild(document.createTextNode(part));
    });
    return frag;
  }

  document.getElementById("search-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const query = document.getElementById("search-query").value.trim();
    const status = document.getElementById("search-status");
    const list = document.getElementById("search-hits");
    if (!query) return;
    status.textContent = "检索中…";
    list.replaceChildren();
    try {
      const result = await channels.search.get(`/api/search?k=8&q=${encodeURIComponent(query)}`);
      status.textContent = result.found
        ? `找到 ${result.hits.length} 段相关内容`
        : "知识库中没有明显相关的内容（以下为最接近的段落）";
      for (const hit of result.hits) {
        const item = list.appendChild(el("li", "hit"));
        const meta = item.appendChild(el("div", "hit-meta"));
        meta.appendChild(el("span", "hit-title", hit.title));
        if (hit.measure) meta.appendChild(el("span", "tag", clauseName(hit.measure)));
        else if (hit.heading) meta.appendChild(el("span", "tag", hit.heading));
        meta.appendChild(el("span", "score", `相关度 ${Number(hit.score).toFixed(3)}`));
        item.appendChild(el("p", "hit-text")).appendChild(highlighted(hit.text, result.terms || []));
      }
    } catch (error) {
      if (error instanceof Superseded) return;
      const box = document.getElementById("search-query");
      status.replaceChildren(failure(error.message, () => resubmit(box, query)));
    }
  });

  /* ---------- calculator form generated from /api/measures ---------- */
  const measureSelect = document.getElementById("calc-measure");
  const fieldsBox = document.getElementById("calc-fields");
  const calcResult = document.getElementById("calc-result");

  function field(labelText, control) {
    const wrap = el("div", "field");
    const label = wrap.appendChild(el("label", null, labelText));
    label.htmlFor = control.id;
    wrap.appendChild(control);
    return wrap;
  }

  function buildFields(measure) {
    channels.calc.cancel();
    fieldsBox.replaceChildren();
    const inputNames = new Set(measure.inputs.map((i) => i.name));
    for (const input of measure.inputs) {
      let control;
      if (input.kind === "bool") {
        control = el("input");
        control.type = "checkbox";
      } else if (input.kind === "choice") {
        control = el("select");
        control.appendChild(el("option", null, "请选择")).value = "";
        for (const choice of input.choices || []) {
          control.appendChild(el("option", null, choice.label)).value = choice.value;
        }
      } else {
        control = el("input");
        control.type = "text";
        control.inputMode = input.kind === "int" ? "numeric" : "text";
        control.placeholder = input.kind === "amount" ? "如 800万 或 8000000" : "";
      }
      control.id = `calc-${input.name}`;
      control.name = input.name;
      control.dataset.kind = input.kind;
      if (input.required) control.required = true;
      fieldsBox.appendChild(field(input.label, control));
    }
    for (const condition of measure.conditions || []) {
      if (inputNames.has(condition.id)) continue;
      const control = el("select");
      control.id = `calc-cond-${condition.id}`;
      control.dataset.condition = condition.id;
      [["", "未确认"], ["true", "是"], ["false", "否"]].forEach(([value, text]) => {
        control.appendChild(el("option", null, text)).value = value;
      });
      fieldsBox.appendChild(field(condition.question, control));
    }
    calcResult.hidden = true;
  }

  // A count as people write it: digits (half- or full-width), "人" allowed after them.
  function readCount(text) {
    const digits = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    const match = digits.match(/^(\d+)\s*人?$/);
    return match ? Number(match[1]) : null;
  }

  function markInvalid(control, message) {
    const id = `${control.id}-error`;
    let note = document.getElementById(id);
    if (!note) {
      note = el("p", "error field-error");
      note.id = id;
      note.setAttribute("role", "alert");
      control.insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", id);
  }

  function clearInvalid(control) {
    control.removeAttribute("aria-invalid");
    control.removeAttribute("aria-describedby");
    const note = document.getElementById(`${control.id}-error`);
    if (note) note.remove();
  }

  fieldsBox.addEventListener("input", (event) => clearInvalid(event.target));

  // The facts, and the fields that cannot be read. Those are refused here: sent on, "abc" was
  // Number("abc") = NaN, which JSON sends as null, and the count silently became unknown.
  function collectFacts() {
    const facts = {};
    const conditions = {};
    const invalid = [];
    for (const control of fieldsBox.querySelectorAll("input, select")) {
      const value = control.value.trim();
      if (control.dataset.condition) {
        if (control.value) conditions[control.dataset.condition] = control.value === "true";
      } else if (control.dataset.kind === "bool") {
        facts[control.name] = control.checked;
      } else if (value && control.dataset.kind === "int") {
        const count = readCount(value);
        if (count === null) {
          markInvalid(control, `“${value}”不是人数：请填写整数，例如 3`);
          invalid.push(control);
        } else facts[control.name] = count;
      } else if (value) {
        facts[control.name] = value;
      }
    }
    if (Object.keys(conditions).length) facts.conditions = conditions;
    return { facts, invalid };
  }

  // An ineligible calculation's steps still work out the award its reasons then deny
  // (后期制作, 2 staff: "1000万元 × 15% = 150万元" beside 0元): show the reasons alone.
  function agreeing(calc) {
    return calc.eligible === false ? { ...calc, steps: [] } : calc;
  }

  // Amount and conclusion (符合 / 不符合 / 待确认), as the chat reply's headline states them.
  function headline(calc) {
    let amount = "金额待定";
    if (calc.eligible === false) amount = "0元";
    else if (calc.amount_yuan !== null) {
      amount = `${calc.is_upper_bound ? "最高" : ""}${calc.amount_text || formatYuan(calc.amount_yuan)}`;
    }
    const line = el("p", "headline");
    line.appendChild(el("span", "amount", amount));
    line.appendChild(el("span", `conclusion conclusion-${calc.conclusion}`, calc.conclusion));
    return line;
  }

  measureSelect.addEventListener("change", () => buildFields(measures.get(measureSelect.value)));

  document.getElementById("calc-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const { facts, invalid } = collectFacts();
    if (invalid.length) {
      channels.calc.cancel();
      calcResult.hidden = true;
      invalid[0].focus();
      return;
    }
    calcResult.hidden = false;
    calcResult.replaceChildren(el("p", "muted", "测算中…"));
    try {
      const calc = await channels.calc.get("/api/calculate", post({ measure: measureSelect.value, facts }));
      calcResult.replaceChildren(headline(calc), renderCalculations([agreeing(calc)]));
      // The rule's source: a link to its clause in the clause browser, and the sentence.
      const source = el("div", "citation");
      const target = clauseLink(calc);
      const name = `依据：${clauseName(calc.clause)}`;
      const link = source.appendChild(el(target ? "a" : "p", target ? "citation-link" : null, name));
      if (target) link.href = target;
      source.appendChild(el("blockquote", null, calc.citation.text));
      calcResult.appendChild(source);
    } catch (error) {
      if (error instanceof Superseded) return;
      const form = document.getElementById("calc-form");
      calcResult.replaceChildren(failure(error.message, () => form.requestSubmit()));
    }
  });

  /* ---------- a phone call: 新来电 and shortcuts ---------- */
  const questionBox = document.getElementById("staff-question");

  // The next caller starts clean: no session, no forms or results of the last call.
  function newCall() {
    Object.values(channels).forEach((channel) => channel.cancel());
    staffSession = null;
    document.getElementById("staff-ask").reset();
    replyBox.hidden = true;
    answerBox.replaceChildren();
    extraBox.replaceChildren();
    scriptBox.value = "";
    copyStatus.textContent = "";
    resetRating();
    document.getElementById("search-form").reset();
    document.getElementById("search-status").replaceChildren();
    document.getElementById("search-hits").replaceChildren();
    if (measureSelect.options.length) {
      measureSelect.selectedIndex = 0;
      buildFields(measures.get(measureSelect.value));
    }
    questionBox.focus();
  }

  document.getElementById("new-call").addEventListener("click", newCall);

  // Alt+letter by physical key (event.code), so an input method or layout does not change it.
  const shortcuts = {
    KeyN: newCall,
    KeyA: () => questionBox.focus(),
    KeyS: () => {
      const box = document.getElementById("search-query");
      box.focus();
      box.select();
    },
    KeyC: () => document.getElementById("copy-answer").click(),
  };
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const action = shortcuts[event.code];
    if (!action) return;
    event.preventDefault();
    action();
  });
  questionBox.focus();

  // Section links land their heading below the sticky header, whose height wraps on a phone.
  const topbar = document.querySelector(".topbar");
  new ResizeObserver(() => {
    document.body.style.setProperty("--topbar-height", `${topbar.offsetHeight}px`);
  }).observe(topbar);

  /* ---------- clause browser ---------- */
  // A citation of a policy clause links to it here; others expand their quote in place.
  function clauseLink(citation) {
    return citation.clause && measures.has(citation.clause) ? `#clause-${citation.clause}` : null;
  }

  // Opening #clause-… (a citation's link, or a link from elsewhere) unfolds that clause, brings
  // it clear of the sticky header and puts the focus on it.
  function showClause() {
    const match = location.hash.match(/^#clause-([\w-]+)$/);
    const details = match && document.getElementById(`clause-${match[1]}`);
    if (!details) return;
    details.open = true;
    details.scrollIntoView({ block: "start" });
    details.querySelector("summary").focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", showClause);
  // The same link twice changes no hash: unfold the clause again all the same.
  for (const box of [extraBox, calcResult]) {
    box.addEventListener("click", (event) => {
      const link = event.target.closest("a.citation-link");
      if (link && link.hash === location.hash) {
        event.preventDefault();
        showClause();
      }
    });
  }
  function renderClauses(list) {
    const box = document.getElementById("clause-list");
    box.replaceChildren();
    let section = null;
    for (const m of list) {
      if (m.section !== section) {
        section = m.section;
        box.appendChild(el("h3", null, section));
      }
      const details = box.appendChild(el("details", "clause"));
      details.id = `clause-${m.id}`;
      details.appendChild(el("summary", null, `第${m.number}项 ${m.title}`));
      details.appendChild(renderClauseFacts(m));
      details.appendChild(el("blockquote", null, m.source.text));
    }
  }

  (async () => {
    try {
      const list = await latestOnly().get("/api/measures");
      for (const m of list) {
        measures.set(m.id, m);
        measureSelect.appendChild(el("option", null, `第${m.number}项 ${m.title}`)).value = m.id;
      }
      if (list.length) buildFields(list[0]);
      renderClauses(list);
      showClause();
    } catch (error) {
      document.getElementById("clause-list").replaceChildren(failure(error.message, () => location.reload()));
    }
  })();
})();
