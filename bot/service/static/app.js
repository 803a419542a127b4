/* Web chat for filmmakers, and the renderers the staff console shares.
   All user and document text goes in through textContent: no HTML from data, ever. */
"use strict";

const PolicyBot = (() => {
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // **bold** inside a line becomes <strong>; everything else stays text.
  function appendInline(parent, line) {
    const parts = line.split(/\*\*(.+?)\*\*/);
    parts.forEach((part, index) => {
      if (!part) return;
      if (index % 2 === 1) parent.appendChild(el("strong", null, part));
      else parent.appendChild(document.createTextNode(part));
    });
  }

  // A small, safe Markdown subset: paragraphs, "- " lists, "#" headings, **bold**.
  function renderMarkdown(container, text) {
    container.replaceChildren();
    let list = null;
    let para = null;
    let quote = null;
    for (const raw of String(text).split("\n")) {
      const line = raw.trimEnd();
      const item = line.match(/^\s*(?:[-*•]|\d+[.、)])\s+(.*)$/);
      const heading = line.match(/^#{1,6}\s+(.*)$/);
      const quoted = line.match(/^>\s?(.*)$/);
      if (!quoted) quote = null;
      if (!line.trim()) {
        list = null;
        para = null;
      } else if (quoted) {
        if (!quote) quote = container.appendChild(el("blockquote", "quote"));
        appendInline(quote.appendChild(el("p")), quoted[1]);
        list = null;
        para = null;
      } else if (item) {
        if (!list) list = container.appendChild(el("ul"));
        appendInline(list.appendChild(el("li")), item[1]);
        para = null;
      } else if (heading) {
        appendInline(container.appendChild(el("p", "heading")), heading[1]);
        list = null;
        para = null;
      } else {
        if (para) para.appendChild(el("br"));
        else para = container.appendChild(el("p"));
        appendInline(para, line);
        list = null;
      }
    }
  }

  function formatYuan(yuan) {
    if (yuan === null || yuan === undefined) return "—";
    if (yuan % 10000 === 0) return `${(yuan / 10000).toLocaleString("zh-CN")}万元`;
    return `${Number(yuan).toLocaleString("zh-CN")}元`;
  }

  // What tells a citation apart: the measure or the paragraphs (the reply's label), or the
  // caller's name for its clause.
  function citationLabel(citation, clauseName) {
    if (clauseName && citation.clause) return `（${clauseName(citation.clause)}）`;
    return citation.label ? `（${citation.label}）` : "";
  }

  // Each citation leads to its source: `href(citation)` a place on the page (the staff
  // console's clause browser), or `open(citation, number, trigger)` a viewer (the chat page's
  // source panel); a citation with neither expands its quote in place.
  function renderCitations(citations, { clauseName, href, open, level = 3 } = {}) {
    const box = el("section", "citations");
    if (!citations || citations.length === 0) return box;
    box.appendChild(el(`h${level}`, null, "依据"));
    const list = box.appendChild(el("ol", "citation-list"));
    citations.forEach((citation, index) => {
      const item = list.appendChild(el("li", "citation"));
      const text = `[${index + 1}] 《${citation.title}》${citationLabel(citation, clauseName)}`;
      const target = href ? href(citation) : null;
      if (target) {
        const link = item.appendChild(el("a", "citation-link", text));
        link.href = target;
      } else if (open) {
        const trigger = item.appendChild(el("button", "citation-link", text));
        trigger.type = "button";
        trigger.setAttribute("aria-haspopup", "dialog");
        trigger.addEventListener("click", () => open(citation, index + 1, trigger));
      } else {
        const details = item.appendChild(el("details"));
        details.appendChild(el("summary", null, text));
        details.appendChild(el("blockquote", null, citation.text));
      }
    });
    return box;
  }

  // A measure's terms as a definition list (the clause browser and the source panel).
  function renderClauseFacts(measure) {
    const facts = el("dl", "clause-facts");
    const rows = [
      ["对象", measure.applicant],
      ["补助给", measure.recipient],
      ["门槛", measure.threshold_text],
      ["比例", measure.rate],
      ...(measure.tiers || []).map((tier) => [tier.label, tier.text]),
      ["上限", measure.cap_text],
    ];
    for (const [term, value] of rows) {
      if (!value) continue;
      facts.appendChild(el("dt", null, term));
      facts.appendChild(el("dd", null, value));
    }
    return facts;
  }

  // The structured part of one calculation: its steps, then what decides it. The headline
  // (amount and 符合 / 不符合 / 待确认) is the reply's `brief` text, or the caller's own.
  function renderCalculation(calc) {
    const box = el("section", "calculation");
    box.dataset.clause = calc.clause;
    const table = el("table", "steps");
    table.appendChild(el("caption", null, `计算过程：${calc.title || calc.clause}`));
    const head = table.appendChild(el("thead")).appendChild(el("tr"));
    head.appendChild(el("th", null, "步骤"));
    head.appendChild(el("th", null, "计算"));
    const body = table.appendChild(el("tbody"));
    (calc.steps || []).forEach((step, index) => {
      const row = body.appendChild(el("tr"));
      row.appendChild(el("td", "num", index + 1));
      row.appendChild(el("td", null, step));
    });
    if ((calc.steps || []).length) box.appendChild(table);

    const lists = [
      [calc.conclusion === "符合" ? "另请确认" : "还需确认", calc.eligible === false ? [] : calc.unmet_conditions],
      ["不符合的原因", calc.reasons],
      ["说明", calc.notes],
    ];
    for (const [title, items] of lists) {
      if (!items || items.length === 0) continue;
      box.appendChild(el("p", "list-title", title));
      const ul = box.appendChild(el("ul", "notes"));
      items.forEach((item) => ul.appendChild(el("li", null, item)));
    }
    return box;
  }

  // Every calculation of a reply, the notes they share once, and the caveat once.
  function renderCalculations(calcs) {
    const box = el("div", "calculations");
    const seen = new Set();
    for (const calc of calcs) {
      const notes = (calc.notes || []).filter((note) => !seen.has(note));
      notes.forEach((note) => seen.add(note));
      box.appendChild(renderCalculation({ ...calc, notes }));
    }
    for (const caveat of new Set(calcs.map((calc) => calc.caveat).filter(Boolean))) {
      box.appendChild(el("p", "calc-caveat", caveat));
    }
    return box;
  }

  function calculationsOf(reply) {
    if (reply.calculations && reply.calculations.length) return reply.calculations;
    return reply.calculation ? [reply.calculation] : [];
  }

  // Reads "event:" / "data:" blocks from a fetch body; calls onEvent(name, data).
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder("utf-8");
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let name = "message";
        const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) continue;
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
        }
        if (data.length) onEvent(name, JSON.parse(data.join("\n")));
      }
      if (done) return;
    }
  }

  async function errorMessage(response) {
    try {
      const body = await response.json();
      if (body && body.error && body.error.message) return body.error.message;
    } catch (_) {
      /* not JSON: fall through */
    }
    return `请求失败（${response.status}），请稍后再试。`;
  }

  return {
    el,
    renderMarkdown,
    renderCitations,
    renderClauseFacts,
    renderCalculation,
    renderCalculations,
    calculationsOf,
    readEvents,
    errorMessage,
    formatYuan,
  };
})();

(() => {
  const form = document.getElementById("ask");
  if (!form) return; // the staff console only borrows the renderers
  const {
    el,
    renderMarkdown,
    renderCitations,
    renderClauseFacts,
    renderCalculations,
    calculationsOf,
    readEvents,
    errorMessage,
  } = PolicyBot;
  const input = document.getElementById("question");
  const send = document.getElementById("send");
  const stop = document.getElementById("stop");
  const messages = document.getElementById("messages");
  const status = document.getElementById("status");
  const STORE_KEY = "policybot.chat";
  const KEPT_TURNS = 40; // sessionStorage holds ~5 MB; a reply with citations is ~5 KB
  // The server answers within 40 s at worst (bot/llm.py: 20 s per model call, one retry);
  // past a minute it is not coming.
  const TIMEOUT_MS = 60_000;
  // A rating (one row written) or a clause (read from memory) is quick or it failed.
  const SHORT_TIMEOUT_MS = 20_000;
  const SVG = "http://www.w3.org/2000/svg";
  // Material Design's thumb_up (Apache 2.0); turned over for 没用.
  const THUMB_UP =
    "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 " +
    "7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23" +
    ".14-.47.14-.73v-2z";

  // What the screen shows and the session it continues, kept together across a reload.
  let chat = load();
  let current = null; // { controller, generation } of the request in flight
  let generation = 0; // bumped by 新对话: replies of an older generation are dropped

  function load() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORE_KEY));
      if (saved && Array.isArray(saved.turns)) return saved;
    } catch (_) {
      /* unreadable: start anew */
    }
    return { sessionId: null, turns: [] };
  }

  function save() {
    chat.turns = chat.turns.slice(-KEPT_TURNS);
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify(chat));
    } catch (_) {
      /* storage full or off: the page still works, it just forgets on reload */
    }
  }

  function addMessage(role) {
    const item = messages.appendChild(el("li", `message ${role}`));
    item.appendChild(el("div", "who", role === "user" ? "您" : "助手"));
    return item;
  }

  function showQuestion(question) {
    addMessage("user").appendChild(el("div", "bubble", question));
  }

  function showReply(theirs, bubble, turn) {
    const data = turn.reply;
    bubble.classList.remove("streaming");
    theirs.dataset.route = data.route;
    // The brief leaves out what the blocks below show: each thing is said once.
    renderMarkdown(bubble, data.brief ?? data.answer);
    linkMarkers(bubble, data.citations || []);
    const calcs = calculationsOf(data);
    if (calcs.length) theirs.appendChild(renderCalculations(calcs));
    theirs.appendChild(renderCitations(data.citations, { open: openSource, level: 2 }));
    theirs.appendChild(renderActions(turn));
    const replies = quickReplies(calcs);
    if (replies.length) theirs.appendChild(renderQuickReplies(replies));
  }

  /* ---------- the source panel: a citation's clause or passage ---------- */
  const viewer = document.getElementById("source-viewer");
  const sourceDoc = document.getElementById("source-doc");
  const sourceBody = document.getElementById("source-body");
  const measures = new Map(); // measure id -> promise of its /api/measures record (or null)
  let shownSource = null;

  function measureOf(id) {
    if (!measures.has(id)) {
      const loading = fetch(`/api/measures/${encodeURIComponent(id)}`, {
        signal: AbortSignal.timeout(SHORT_TIMEOUT_MS),
      })
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null)
        .then((measure) => {
          if (!measure) measures.delete(id); // try again next time
          return measure;
        });
      measures.set(id, loading);
    }
    return measures.get(id);
  }

  // The source text with the quoted part marked, where the quote is found in it.
  function quoteBlock(source, quoted) {
    const block = el("blockquote", "source-text");
    const at = quoted ? source.indexOf(quoted) : -1;
    if (at < 0) {
      block.textContent = source;
      return block;
    }
    block.append(source.slice(0, at), el("mark", null, quoted), source.slice(at + quoted.length));
    return block;
  }

  // The quoted passage at once; for a policy clause, then the whole clause and its terms.
  async function openSource(citation, number) {
    shownSource = citation;
    sourceDoc.textContent = `[${number}] 《${citation.title}》${citation.label ? ` · ${citation.label}` : ""}`;
    sourceBody.replaceChildren(el("p", "list-title", "引用的段落"), quoteBlock(citation.text));
    if (!viewer.open) viewer.showModal();
    if (!citation.clause) return;
    const measure = await measureOf(citation.clause);
    if (!measure || shownSource !== citation || !viewer.open) return;
    sourceDoc.textContent = `[${number}] 《${citation.title}》 · 第${measure.number}项 ${measure.title}`;
    sourceBody.replaceChildren(
      el("p", "list-title", measure.section),
      renderClauseFacts(measure),
      el("p", "list-title", "条款原文"),
      quoteBlock(measure.source.text, citation.text),
    );
  }

  // A tap outside the sheet (on the backdrop) closes it too.
  viewer.addEventListener("click", (event) => {
    if (event.target === viewer) viewer.close();
  });
  viewer.addEventListener("close", () => {
    shownSource = null;
  });

  // "[1]" in an answer's text opens source 1, like the list under it.
  function linkMarkers(bubble, citations) {
    if (!citations.length) return;
    const walker = document.createTreeWalker(bubble, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const node of texts) {
      const parts = node.data.split(/\[(\d+)\]/);
      if (parts.length === 1) continue;
      const pieces = parts.map((part, index) => {
        const citation = citations[Number(part) - 1];
        if (index % 2 === 0 || !citation) return index % 2 ? `[${part}]` : part;
        const ref = el("button", "cite-ref", `[${part}]`);
        ref.type = "button";
        ref.title = `查看来源：《${citation.title}》`;
        ref.setAttribute("aria-haspopup", "dialog");
        ref.addEventListener("click", () => openSource(citation, Number(part)));
        return ref;
      });
      node.replaceWith(...pieces);
    }
  }

  // The answer as text for a chat app: no Markdown marks, and where it came from.
  function shareText(data) {
    const text = String(data.answer).replace(/\*\*/g, "");
    return `${text}\n\n——影视政策助手 ${location.origin}/`;
  }

  function button(className, text, onClick) {
    const node = el("button", className, text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  async function copy(text, what) {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = `${what}已复制，可粘贴到微信等处。`;
    } catch (_) {
      status.textContent = "无法复制：请长按回答选择文字复制。";
    }
  }

  // 👍/👎 go to the question log with the answer's id; only this conversation's session may
  // rate it (the server checks). The choice is kept with the turn, so a reload shows it.
  function renderRating(turn) {
    const group = el("div", "rating");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "这条回答有帮助吗？");
    const choices = [
      ["up", "有用"],
      ["down", "没用"],
    ];
    const buttons = choices.map(([rating, name]) => {
      const node = button("ghost small", null, () => rate(turn, rating, buttons));
      // A drawn thumb, not an emoji: phones have emoji fonts, many desktops do not.
      node.append(thumb(rating), name);
      node.dataset.rating = rating;
      node.setAttribute("aria-pressed", String(turn.rating === rating));
      return node;
    });
    buttons.forEach((node) => group.appendChild(node));
    return group;
  }

  function thumb(rating) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", `thumb thumb-${rating}`);
    const path = svg.appendChild(document.createElementNS(SVG, "path"));
    path.setAttribute("d", THUMB_UP);
    return svg;
  }

  async function rate(turn, rating, buttons) {
    buttons.forEach((node) => (node.disabled = true));
    let problem = null;
    try {
      const response = await fetch("/api/feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ answer_id: turn.answerId, session_id: turn.reply.session_id, rating }),
        signal: AbortSignal.timeout(SHORT_TIMEOUT_MS),
      });
      if (!response.ok) problem = await errorMessage(response);
    } catch (_) {
      problem = "评价没有发送成功：请检查网络后再点一次。";
    }
    buttons.forEach((node) => (node.disabled = false));
    if (problem) {
      status.textContent = problem;
      return;
    }
    turn.rating = rating;
    save();
    buttons.forEach((node) => node.setAttribute("aria-pressed", String(node.dataset.rating === rating)));
    status.textContent =
      rating === "up" ? "感谢反馈：已记下这条回答有帮助。" : "感谢反馈：已记下这条回答没有帮助，我们会据此改进。";
  }

  function renderActions(turn) {
    const data = turn.reply;
    const bar = el("div", "actions");
    bar.appendChild(button("ghost small", "复制", () => copy(shareText(data), "回答")));
    bar.appendChild(
      button("ghost small", "分享", async () => {
        const text = shareText(data);
        if (!navigator.share) return copy(text, "回答和链接");
        try {
          await navigator.share({ title: document.title, text });
        } catch (_) {
          /* the person closed the share sheet */
        }
      }),
    );
    // An answer the log did not get (or a turn saved before ratings) cannot be rated.
    if (turn.answerId) bar.appendChild(renderRating(turn));
    return bar;
  }

  // The calculator's open questions (its data file words them, e.g. "…是否已…立项备案？")
  // become answers one tap away: a yes/no question is answered "yes" in its own words and
  // sent; any other (a number, a choice) is put in the box to complete.
  function quickReplies(calcs) {
    const seen = new Set();
    const replies = [];
    for (const calc of calcs) {
      if (calc.eligible === false) continue;
      for (const question of calc.unmet_conditions || []) {
        const stem = question.replace(/[（(].*$/, "").replace(/[？?]\s*$/, "");
        if (seen.has(stem)) continue;
        seen.add(stem);
        if (stem.includes("是否") && !stem.includes("还是")) {
          const yes = stem.replace("是否为", "是").replace("是否", "");
          replies.push({ label: yes, text: yes, send: true });
        } else {
          const ask = stem.replace(/(有几人|是多少|有多少|是哪一类.*|是.*还是.*)$/, "");
          replies.push({ label: `${ask}：…`, text: `${ask}：`, send: false });
        }
      }
    }
    return replies;
  }

  function renderQuickReplies(replies) {
    const box = el("div", "quick-replies");
    for (const reply of replies) {
      box.appendChild(
        button("quick-reply", reply.label, () => {
          if (reply.send && !send.disabled) return ask(reply.text);
          setQuestion(reply.text);
          input.focus();
          input.setSelectionRange(input.value.length, input.value.length);
        }),
      );
    }
    return box;
  }

  function showFailure(theirs, bubble, question, message) {
    bubble.classList.remove("streaming");
    const note = theirs.appendChild(el("div", "failure"));
    note.appendChild(el("p", "error", message));
    const retry = note.appendChild(el("button", "retry", "重试"));
    retry.type = "button";
    retry.addEventListener("click", () => {
      setQuestion(question);
      input.focus();
    });
  }

  function restore() {
    for (const turn of chat.turns) {
      showQuestion(turn.question);
      const theirs = addMessage("bot");
      const bubble = theirs.appendChild(el("div", "bubble answer"));
      if (turn.reply) showReply(theirs, bubble, turn);
      else {
        if (turn.partial) bubble.textContent = turn.partial;
        else bubble.remove();
        showFailure(theirs, bubble, turn.question, turn.error);
      }
    }
  }

  const REDUCED_MOTION = window.matchMedia("(prefers-reduced-motion: reduce)");

  // The start of an answer, just under the sticky header: people read it from the top.
  function scrollToStart(node) {
    const header = document.querySelector(".topbar").offsetHeight;
    const top = node.getBoundingClientRect().top + window.scrollY - header - 8;
    window.scrollTo({ top, behavior: REDUCED_MOTION.matches ? "auto" : "smooth" });
  }

  function busy(on) {
    send.disabled = on;
    stop.hidden = !on;
  }

  // Why a request failed, in words that say what to do next.
  function failureText(error, reason, partial) {
    if (reason === "stop") return "已停止。问题已放回输入框，可修改后重新发送。";
    if (reason === "timeout") return "服务器 1 分钟内没有答复。问题已放回输入框，请稍后重试。";
    if (error && error.serverMessage) return error.serverMessage;
    if (partial) return "回答没有传完，连接就中断了：上面的内容不完整，请重试。";
    return "连接中断，没有收到回答。请检查网络后重试。";
  }

  async function ask(question) {
    const mine = generation;
    const controller = new AbortController();
    current = { controller, generation: mine };
    let reason = null;
    const timer = setTimeout(() => {
      reason = "timeout";
      controller.abort();
    }, TIMEOUT_MS);
    controller.signal.addEventListener("abort", () => {
      reason = reason || "stop";
    });

    showQuestion(question);
    const theirs = addMessage("bot");
    const bubble = theirs.appendChild(el("div", "bubble answer streaming"));
    bubble.appendChild(el("span", "typing", "正在查询…"));
    scrollToStart(theirs);
    busy(true);
    let streamed = "";
    let reply = null;
    let failure = null;
    let answerId = null;
    try {
      const response = await fetch("/api/chat/stream", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ message: question, session_id: chat.sessionId, format: "markdown" }),
        signal: controller.signal,
      });
      if (!response.ok) failure = { serverMessage: await errorMessage(response) };
      else {
        answerId = response.headers.get("X-Answer-Id");
        await readEvents(response, (name, data) => {
          if (mine !== generation) return;
          if (name === "delta") {
            streamed += data.text;
            bubble.textContent = streamed;
          } else if (name === "done") {
            reply = data;
          } else if (name === "error") {
            failure = { serverMessage: data.message };
          }
        });
      }
    } catch (error) {
      failure = failure || error;
    } finally {
      clearTimeout(timer);
    }
    if (mine !== generation) return; // 新对话 was pressed: this reply belongs to no one
    current = null;
    busy(false);
    if (reply) {
      chat.sessionId = reply.session_id;
      const turn = { question, reply, answerId };
      chat.turns.push(turn);
      showReply(theirs, bubble, turn);
      status.textContent = `回答：${bubble.textContent}`;
    } else {
      // A stream that closed without `done` is a failure even if text arrived.
      const message = failureText(failure, reason, streamed);
      if (!streamed) bubble.remove();
      showFailure(theirs, bubble, question, message);
      chat.turns.push({ question, error: message, partial: streamed });
      if (!input.value.trim()) setQuestion(question);
      status.textContent = message;
    }
    save();
    scrollToStart(theirs);
  }

  // On a phone the box starts one line high and grows with what is typed (up to its CSS
  // max-height); on a wide screen its two rows stay.
  const PHONE = window.matchMedia("(max-width: 520px)");
  function setQuestion(text) {
    input.value = text;
    fit();
  }

  function fit() {
    input.style.height = "";
    if (PHONE.matches && input.value) input.style.height = `${input.scrollHeight + 2}px`;
  }
  input.addEventListener("input", fit);
  PHONE.addEventListener("change", fit);
  new ResizeObserver(() => {
    document.body.style.setProperty("--composer-height", `${form.offsetHeight}px`);
  }).observe(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question || send.disabled) return;
    setQuestion("");
    ask(question);
  });
  input.addEventListener("keydown", (event) => {
    // iOS and WeChat webviews report the Enter that ends a composition as keyCode 229.
    if (event.isComposing || event.keyCode === 229) return;
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  stop.addEventListener("click", () => {
    if (current) current.controller.abort();
  });
  document.getElementById("examples").addEventListener("click", (event) => {
    const button = event.target.closest("button.example");
    if (button && !send.disabled) ask(button.textContent.trim());
  });
  document.getElementById("new-session").addEventListener("click", () => {
    generation += 1;
    if (current) current.controller.abort();
    current = null;
    busy(false);
    chat = { sessionId: null, turns: [] };
    save();
    messages.replaceChildren();
    status.textContent = "";
    input.focus();
  });

  restore();
})();
