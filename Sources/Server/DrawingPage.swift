/// The page served at `GET /`: draw a digit, watch the network read it.
///
/// One self-contained HTML document (its style and script inline, no fonts, images or requests
/// anywhere but this server's `/api/classify` and `/api/model`), so it works offline. The
/// elements the browser tests look for:
///
/// | id | what |
/// |---|---|
/// | `pad` | the 280 × 280 canvas drawn on with a mouse, pen or finger (pointer events) |
/// | `prediction` | the digit read, or `no digit` |
/// | `confidence` | its probability |
/// | `probabilities` | ten bars, one per digit (`data-digit`), their widths the probabilities |
/// | `seen` | the 28 × 28 image the network saw, scaled up |
/// | `clear` | the button that empties the pad (Escape and Delete do the same) |
/// | `model` | a line of facts about the checkpoint |
///
/// `body[data-busy]` is `1` while a reading is on its way, `0` once the page shows the reading
/// of what is on the pad.
enum DrawingPage {
    /// The whole document, UTF-8.
    static let html = head + body + "<script>\n" + DrawingPageScript.source + "</script>\n</body>\n</html>\n"

    private static let head = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>digits — draw a digit</title>
        <link rel="icon" href="data:,">
        <style>
        :root { --ink: #1b1b1f; --paper: #fbfaf7; --muted: #6b6b73; --accent: #2f6fdb; --line: #d9d6ce; }
        * { box-sizing: border-box; }
        html, body { margin: 0; background: #f1efe9; color: var(--ink);
          font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
        main { max-width: 900px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.35rem; margin: 0 0 4px; }
        .lead { margin: 0 0 16px; color: var(--muted); }
        .layout { display: grid; gap: 20px; grid-template-columns: minmax(0, 420px) minmax(0, 1fr); align-items: start; }
        @media (max-width: 720px) {
          .layout { grid-template-columns: 1fr; gap: 12px; }
          main { padding: 10px; }
          .lead { font-size: 0.85rem; margin-bottom: 10px; }
          .card { padding: 10px; }
          #prediction { font-size: 4rem; }
        }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px; }
        #pad { display: block; width: 100%; aspect-ratio: 1 / 1; background: var(--paper); border: 1px solid var(--line);
          border-radius: 6px; touch-action: none; cursor: crosshair; user-select: none; -webkit-user-select: none; }
        .tools { display: flex; justify-content: space-between; align-items: center; margin-top: 10px; gap: 10px; }
        .hint { color: var(--muted); font-size: 0.9rem; }
        button { font: inherit; padding: 8px 18px; border-radius: 6px; border: 1px solid #b9b5aa; background: #fff; cursor: pointer; }
        button:hover { background: #f4f2ec; }
        button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
        .answer { display: flex; align-items: center; gap: 18px; }
        #prediction { font-size: 5.5rem; line-height: 1; font-weight: 700; min-width: 1.2em; font-variant-numeric: tabular-nums; }
        #prediction.none { font-size: 1.6rem; font-weight: 500; color: var(--muted); }
        #confidence { color: var(--muted); }
        .seen-box { margin-left: auto; text-align: center; font-size: 0.8rem; color: var(--muted); }
        #seen { width: 112px; height: 112px; image-rendering: pixelated; border: 1px solid var(--line); background: #fff; display: block; }
        #probabilities { list-style: none; margin: 14px 0 0; padding: 0; }
        #probabilities li { display: grid; grid-template-columns: 1.2em 1fr 4.2em; align-items: center; gap: 8px; margin: 3px 0;
          font-variant-numeric: tabular-nums; }
        #probabilities .bar { height: 14px; background: #ebe8e0; border-radius: 3px; overflow: hidden; }
        #probabilities .fill { display: block; height: 100%; width: 0; background: #9aa3b5; transition: width 0.12s; }
        #probabilities li.best .fill { background: var(--accent); }
        #probabilities .value { text-align: right; color: var(--muted); font-size: 0.9rem; }
        #model { margin-top: 16px; color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
        #status { min-height: 1.4em; color: #b3261e; font-size: 0.9rem; }
        </style>
        </head>

        """#

    private static let body = #"""
        <body data-busy="0">
        <main>
        <h1>Draw a digit</h1>
        <p class="lead">The network reads it as you draw, after the same preprocessing as <code>digits classify</code>:
        the ink is cropped, scaled to 20×20 and centred by its mass in 28×28.</p>
        <div class="layout">
          <section class="card">
            <canvas id="pad" width="280" height="280" aria-label="Drawing pad: draw one digit"></canvas>
            <div class="tools">
              <span class="hint">Mouse, pen or finger. Esc or Delete clears.</span>
              <button id="clear" type="button">Clear</button>
            </div>
          </section>
          <section class="card" aria-live="polite">
            <div class="answer">
              <div>
                <div id="prediction" class="none">no digit</div>
                <div id="confidence">&nbsp;</div>
              </div>
              <div class="seen-box">
                <canvas id="seen" width="28" height="28" aria-label="The 28×28 image the network saw"></canvas>
                what the network saw
              </div>
            </div>
            <ol id="probabilities" aria-label="Probability of each digit"></ol>
            <div id="status"></div>
          </section>
        </div>
        <div id="model">loading the model's facts…</div>
        </main>

        """#
}
