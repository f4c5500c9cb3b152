// The Test Key page: one streamed chat call from the browser, as an application would
// make it, then its tokens, cost and latency. With no key typed in, the call goes as the
// signed-in session, which must repeat its CSRF token in a header.
const form = document.getElementById("playground");
const answer = document.getElementById("pg-answer");
const show = (id, text) => { document.getElementById(id).textContent = text; };
const STATS = ["pg-tokens", "pg-cost", "pg-latency"];

function headersFor(key) {
  const headers = { "Content-Type": "application/json" };
  if (key) {
    headers.Authorization = "Bearer " + key;
  } else {
    headers["X-CSRF-Token"] = form.dataset.csrf;
  }
  return headers;
}

async function errorText(response) {
  const text = await response.text();
  try {
    return JSON.parse(text).error.message;
  } catch {
    return text.slice(0, 500);
  }
}

async function cost(model, usage, key) {
  const response = await fetch("/spend/calculate", {
    method: "POST",
    headers: headersFor(key),
    credentials: key ? "omit" : "same-origin",
    body: JSON.stringify({ completion_response: { model, usage } }),
  });
  return response.ok ? (await response.json()).cost : null;
}

// Reads server-sent events as they arrive, handing each parsed chunk on.
async function readEvents(response, onChunk) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replaceAll("\r\n", "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split("\n")) {
        const data = line.startsWith("data:") ? line.slice(5).trim() : "";
        if (data !== "" && data !== "[DONE]") onChunk(JSON.parse(data));
      }
    }
  }
}

form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const model = form.elements.model.value;
  const key = form.elements.key.value.trim();
  const send = document.getElementById("pg-send");
  answer.textContent = "";
  STATS.forEach((id) => show(id, "…"));
  send.disabled = true;
  const started = performance.now();
  let first = null;
  let usage = null;
  try {
    const response = await fetch("/v1/chat/completions", {
      method: "POST",
      headers: headersFor(key),
      credentials: key ? "omit" : "same-origin",
      body: JSON.stringify({
        model,
        messages: [{ role: "user", content: form.elements.message.value }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    if (!response.ok) {
      answer.textContent = "Error " + response.status + ": " + (await errorText(response));
      STATS.forEach((id) => show(id, "–"));
      return;
    }
    await readEvents(response, (chunk) => {
      if (first === null) first = performance.now();
      const delta = chunk.choices?.[0]?.delta?.content;
      if (delta) answer.textContent += delta;
      if (chunk.usage) usage = chunk.usage;
    });
    const total = performance.now() - started;
    show("pg-latency", `${Math.round(total)} ms in all, first chunk after ${Math.round((first ?? performance.now()) - started)} ms`);
    if (usage) {
      show("pg-tokens", `${usage.prompt_tokens} in, ${usage.completion_tokens} out, ${usage.total_tokens} in all`);
      const dollars = await cost(model, usage, key);
      show("pg-cost", dollars === null ? "unknown" : `$${dollars.toFixed(6)}`);
    } else {
      show("pg-tokens", "not reported");
      show("pg-cost", "unknown");
    }
  } catch (error) {
    answer.textContent = "The call failed: " + error.message;
  } finally {
    send.disabled = false;
    document.body.dataset.playground = "done";
  }
});
