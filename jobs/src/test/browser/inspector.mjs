// Drives genlake serve's pages in headless Chromium (puppeteer-core + Debian's /usr/bin/chromium) as a rater would:
// search a block and an asset, change the role, compute the fit, rate it; then opens the generation panel and a
// generation's drill-down. Screenshots at 1400 and 800 px wide. Prints one JSON object with what the page showed.
// Usage: node inspector.mjs '{"base": "http://127.0.0.1:PORT", "blockQuery": "...", "blockId": "...", ...}'
import puppeteer from "puppeteer-core";
import path from "node:path";

const cfg = JSON.parse(process.argv[2]);
const out = { requests: [], console: [], overflow: {} };
const browser = await puppeteer.launch({
  executablePath: cfg.chromium || "/usr/bin/chromium",
  headless: true,
  // nothing but the server under test resolves: a page that loads from elsewhere fails (and is listed below)
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"],
});
try {
  const page = await browser.newPage();
  page.on("request", (r) => out.requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") out.console.push(m.text()); });
  page.on("pageerror", (e) => out.console.push("pageerror: " + e.message));
  const shot = (name) => page.screenshot({ path: path.join(cfg.screenshots, name), fullPage: true });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(cfg.base + "/fit", { waitUntil: "networkidle0" });
  await page.waitForFunction(() => document.getElementById("role").options.length === 4);

  // search and pick the block, then the asset
  await page.type("#block-q", cfg.blockQuery);
  await page.waitForNetworkIdle({ idleTime: 400 }); // the search after the last keystroke has answered
  await page.waitForSelector(`#block-results li[data-id="${cfg.blockId}"]`);
  await page.click(`#block-results li[data-id="${cfg.blockId}"]`);
  await page.type("#asset-q", cfg.assetQuery);
  await page.waitForNetworkIdle({ idleTime: 400 });
  await page.waitForSelector(`#asset-results li[data-id="${cfg.assetId}"]`);
  await page.click(`#asset-results li[data-id="${cfg.assetId}"]`);
  await page.waitForFunction(() => document.getElementById("score-value").dataset.score !== undefined);

  // change the role, then compute the fit
  await page.select("#role", cfg.role);
  const scored = page.waitForResponse((r) => r.url().includes("/api/score") && r.url().includes("role=" + cfg.role));
  await page.click("#compute");
  await scored;
  await page.waitForFunction(() => !document.getElementById("compute").disabled);
  const read = (sel) => page.$$eval(sel + " .chip", (cs) => cs.map((c) => c.textContent));
  out.shownScore = await page.$eval("#score-value", (e) => e.dataset.score);
  out.shownScoreText = await page.$eval("#score-value", (e) => e.textContent);
  out.blockChips = await read("#block-card");
  out.assetChips = await read("#asset-card");
  out.requiredMisses = await read("#required-misses");
  out.conflicts = await read("#conflicts");
  out.calibration = await page.$eval("#calibration", (e) => e.textContent);
  out.thumb = await page.$eval("#thumb", (e) => (e.querySelector("img") ? "image" : e.textContent));
  await shot("inspector-1400.png");

  // rate it
  await page.$eval("#rater", (e) => { e.value = ""; });
  await page.type("#rater", cfg.rater);
  await page.click(`label[for="rating-${cfg.rating}"]`);
  await page.type("#notes", cfg.notes);
  await page.click("#submit");
  await page.waitForSelector("#message.ok, #message.err");
  out.message = await page.$eval("#message", (e) => e.textContent);
  out.ratingId = await page.$eval("#message", (e) => e.dataset.ratingId || null);
  await page.waitForFunction(() => document.querySelectorAll("#ratings-table tbody tr").length > 0);
  out.ratingRows = await page.$$eval("#ratings-table tbody tr", (rs) => rs.map((r) => r.textContent));
  await shot("inspector-rated-1400.png");
  out.overflow.inspector1400 = await overflow();
  await page.setViewport({ width: 800, height: 1000 });
  out.overflow.inspector800 = await overflow();
  await shot("inspector-800.png");

  // generation dev panel, and one generation's drill-down
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(cfg.base + "/generations", { waitUntil: "networkidle0" });
  await page.waitForSelector("#generations tbody tr");
  out.generationRows = await page.$$eval("#generations tbody tr", (rs) => rs.length);
  await page.click("#generations tbody tr");
  await page.waitForFunction(() => document.querySelector("#detail h2").textContent.startsWith("Generation "));
  out.detail = await page.$eval("#detail", (e) => e.innerText);
  out.healthCharts = await page.$$eval("#health figure", (fs) => fs.length);
  out.overflow.generations1400 = await overflow();
  await shot("generations-1400.png");
  await page.setViewport({ width: 800, height: 1000 });
  out.overflow.generations800 = await overflow();
  await shot("generations-800.png");
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
