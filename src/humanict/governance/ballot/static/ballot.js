// Secret ballot in the browser: exponential ElGamal and the disjunctive Chaum-Pedersen proofs of
// humanict.governance.ballot (same group, same challenge strings), with BigInt and Web Crypto.
// The choice is encrypted here; only ciphertexts and proofs are sent.
"use strict";

const Ballot = (() => {
  function modpow(base, exp, mod) {
    let result = 1n;
    base %= mod;
    while (exp > 0n) {
      if (exp & 1n) result = (result * base) % mod;
      base = (base * base) % mod;
      exp >>= 1n;
    }
    return result;
  }

  function randomScalar(q) {
    const bytes = new Uint8Array(64);
    crypto.getRandomValues(bytes);
    let n = 0n;
    for (const b of bytes) n = (n << 8n) | BigInt(b);
    return 1n + (n % (q - 1n));
  }

  function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function challenge(q, domain, fields) {
    const text = domain + "|" + fields.map((f) => f.toString()).join("|");
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-512", new TextEncoder().encode(text)));
    return BigInt("0x" + hex(digest)) % q;
  }

  // Proof that ct = Enc(m; r) with lo <= m <= hi (see proofs.prove_range).
  async function proveRange(G, K, ct, m, r, lo, hi, context) {
    const { p, q, g } = G;
    const commitments = [];
    const sims = new Map();
    const w = randomScalar(q);
    for (let j = lo; j <= hi; j++) {
      if (j === m) {
        commitments.push(modpow(g, w, p), modpow(K, w, p));
      } else {
        const c = randomScalar(q), v = randomScalar(q);
        sims.set(j, [c, v]);
        const neg = (q - c) % q;
        const aj = (modpow(g, v, p) * modpow(ct.a, neg, p)) % p;
        const bOver = (ct.b * modpow(g, (q - BigInt(j)) % q, p)) % p;
        const bj = (modpow(K, v, p) * modpow(bOver, neg, p)) % p;
        commitments.push(aj, bj);
      }
    }
    const c = await challenge(q, "range",
      [context, lo, hi, K, ct.a, ct.b, ...commitments]);
    let simSum = 0n;
    for (const [cj] of sims.values()) simSum += cj;
    const cm = (((c - simSum) % q) + q) % q;
    const proof = [];
    for (let j = lo; j <= hi; j++) {
      const pair = j === m ? [cm, (w + cm * r) % q] : sims.get(j);
      proof.push([pair[0].toString(), pair[1].toString()]);
    }
    return proof;
  }

  // Encrypt 0/1 marks for the round described by the board's election and open entries.
  async function encryptBallot(election, electionHash, round, marks) {
    const G = { p: BigInt(election.group.p), q: BigInt(election.group.q),
                g: BigInt(election.group.g) };
    const K = BigInt(election.key);
    const total = marks.reduce((s, m) => s + m, 0);
    if (marks.length !== round.options.length) throw new Error("one mark per option");
    if (total < round.min_marks || total > round.max_marks) {
      throw new Error(`choose ${round.min_marks} to ${round.max_marks}`);
    }
    const tb = new Uint8Array(16);
    crypto.getRandomValues(tb);
    const tracking = hex(tb);
    const prefix = `${electionHash}|${round.round}|${tracking}`;
    const selections = [];
    let A = 1n, B = 1n, R = 0n;
    for (let i = 0; i < marks.length; i++) {
      const r = randomScalar(G.q);
      const ct = { a: modpow(G.g, r, G.p),
                   b: (modpow(G.g, BigInt(marks[i]), G.p) * modpow(K, r, G.p)) % G.p };
      const proof = await proveRange(G, K, ct, marks[i], r, 0, 1, `${prefix}|selection|${i}`);
      selections.push({ a: ct.a.toString(), b: ct.b.toString(), proof });
      A = (A * ct.a) % G.p; B = (B * ct.b) % G.p; R = (R + r) % G.q;
    }
    const totalProof = await proveRange(G, K, { a: A, b: B }, total, R,
      round.min_marks, round.max_marks, `${prefix}|total`);
    return { round: round.round, tracking_code: tracking, selections, total_proof: totalProof };
  }

  async function api(method, path, credential, body) {
    const headers = { "Content-Type": "application/json" };
    if (credential) headers.Authorization = "Bearer " + credential;
    const response = await fetch(path, { method, headers,
      body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  function say(el, text, ok) {
    el.textContent = text;
    el.className = ok ? "status ok" : "status err";
  }

  function credentialField() {
    const field = document.getElementById("credential");
    field.value = sessionStorage.getItem("humanict-credential") || "";
    field.addEventListener("change", () =>
      sessionStorage.setItem("humanict-credential", field.value.trim()));
    return () => field.value.trim();
  }

  function ballotPage() {
    const form = document.getElementById("ballot-form");
    const out = document.getElementById("ballot-status");
    const credential = credentialField();
    const eid = form.dataset.election;
    // A check of whether the delegation has voted may still be on its way when a ballot is
    // sent; its answer must not overwrite the ballot's receipt, so it is dropped then.
    let sent = 0;
    async function checkVoted() {
      if (!credential()) return;
      const asked = sent;
      try {
        const state = await api("GET", `/api/v1/elections/${eid}/voted`, credential());
        if (state.role !== "voter" || asked !== sent) return;
        say(out, state.voted ? `${state.id} has already voted in this round.`
          : `${state.id} has not voted yet in this round.`, !state.voted);
      } catch (err) {
        if (asked === sent) say(out, err.message, false);
      }
    }
    document.getElementById("credential").addEventListener("change", checkVoted);
    checkVoted();
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      sent += 1;
      try {
        say(out, humanictText("encrypting"), true);
        const board = await api("GET", `/api/v1/elections/${eid}/board`);
        const election = board.entries[0].payload;
        const opens = board.entries.filter((e) => e.kind === "open");
        const round = opens[opens.length - 1].payload;
        const chosen = Array.from(form.querySelectorAll("input[name=choice]:checked"),
          (el) => el.value);
        let marks = round.options.map((o) => (chosen.includes(o) ? 1 : 0));
        if (chosen.length === 0 && round.options.includes("BLANK")) {
          marks = round.options.map((o) => (o === "BLANK" ? 1 : 0));
        }
        const ballot = await encryptBallot(election, board.entries[0].hash, round, marks);
        const receipt = await api("POST", `/api/v1/elections/${eid}/ballots`, credential(),
          ballot);
        say(out, humanictText("ballot_recorded",
          {height: receipt.height, code: receipt.tracking_code}), true);
        document.getElementById("tracking").textContent = receipt.tracking_code;
      } catch (err) {
        say(out, humanictText("not_recorded", {error: err.message}), false);
      } finally {
        button.disabled = false;
      }
    });
  }

  function consolePage() {
    const credential = credentialField();
    const out = document.getElementById("console-status");
    const create = document.getElementById("create-form");
    create.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const body = {
          title: create.title.value, kind: create.kind.value,
          seats: parseInt(create.seats.value, 10),
          candidates: create.candidates.value.split(",").map((s) => s.trim()).filter(Boolean),
          trustees: JSON.parse(create.trustees.value),
        };
        if (create.eid.value.trim()) body.id = create.eid.value.trim();
        const made = await api("POST", "/api/v1/elections", credential(), body);
        say(out, humanictText("election_created", {id: made.id}), true);
        setTimeout(() => location.reload(), 300);
      } catch (err) {
        say(out, humanictText("not_created", {error: err.message}), false);
      }
    });
    document.querySelectorAll("button[data-action]").forEach((button) => {
      button.addEventListener("click", async () => {
        const eid = button.dataset.election, action = button.dataset.action;
        const withdraw = document.getElementById(`withdraw-${eid}`);
        const body = action === "open" && withdraw && withdraw.value.trim()
          ? { withdraw: withdraw.value.split(",").map((s) => s.trim()) } : undefined;
        try {
          const result = await api("POST", `/api/v1/elections/${eid}/${action}`, credential(),
            body);
          say(out, `${action} ${eid}: ${JSON.stringify(result)}`, true);
          setTimeout(() => location.reload(), 300);
        } catch (err) {
          say(out, `${action} ${eid} refused: ${err.message}`, false);
        }
      });
    });
  }

  function resultsPage() {
    const button = document.getElementById("verify-button");
    const out = document.getElementById("verify-status");
    button.addEventListener("click", async () => {
      try {
        const report = await api("GET", `/api/v1/elections/${button.dataset.election}/verify`);
        say(out, humanictText("verified_board", {entries: report.entries,
          proofs: report.proofs_checked, head: report.head.slice(0, 16)}), true);
      } catch (err) {
        say(out, humanictText("verification_failed", {error: err.message}), false);
      }
    });
  }

  return { encryptBallot, ballotPage, consolePage, resultsPage, modpow };
})();

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.querySelector("[data-ballot-page]");
  if (!page) return;
  ({ ballot: Ballot.ballotPage, console: Ballot.consolePage,
     results: Ballot.resultsPage })[page.dataset.ballotPage]();
});
