/// The drawing page's script (plain JavaScript, no library).
///
/// Strokes are drawn with pointer events (mouse, pen, touch), captured to the pad so a stroke
/// that leaves it still ends. While drawing, the pad is sent as a PNG to `POST /api/classify`
/// at most every `DEBOUNCE_MS`, with never more than one request in flight: what is drawn while
/// one is on its way is sent when it returns, so the last stroke always gets its reading, and
/// a reading of an older pad (from before Clear) is dropped.
enum DrawingPageScript {
    /// The script, to be placed in a `<script>` element at the end of the body.
    static let source = #"""
        "use strict";
        const DEBOUNCE_MS = 60;
        const pad = document.getElementById("pad");
        const ink = pad.getContext("2d");
        const seen = document.getElementById("seen");
        const seenContext = seen.getContext("2d");
        const prediction = document.getElementById("prediction");
        const confidence = document.getElementById("confidence");
        const list = document.getElementById("probabilities");
        const statusLine = document.getElementById("status");
        const bars = [];

        for (let d = 0; d < 10; d++) {
          const item = document.createElement("li");
          item.dataset.digit = String(d);
          item.innerHTML = '<span class="digit">' + d + '</span><span class="bar"><span class="fill"></span></span><span class="value">–</span>';
          list.appendChild(item);
          bars.push(item);
        }

        // Pen on paper: a stroke about a tenth of the digit's height, round ends.
        function resetPad() {
          ink.fillStyle = "#fbfaf7";
          ink.fillRect(0, 0, pad.width, pad.height);
          ink.strokeStyle = "#1b1b1f";
          ink.fillStyle = "#1b1b1f";
          ink.lineWidth = pad.width / 16;
          ink.lineCap = "round";
          ink.lineJoin = "round";
        }

        let version = 0;        // bumped by every change to the pad
        let shownVersion = 0;   // the version whose reading is shown
        let hasInk = false;
        let inFlight = false;
        let timer = null;
        let last = null;        // the previous point of the stroke being drawn

        function point(event) {
          const box = pad.getBoundingClientRect();
          return { x: (event.clientX - box.left) * pad.width / box.width,
                   y: (event.clientY - box.top) * pad.height / box.height };
        }

        function dot(p) {
          ink.beginPath();
          ink.arc(p.x, p.y, ink.lineWidth / 2, 0, 2 * Math.PI);
          ink.fill();
        }

        function segment(from, to) {
          ink.beginPath();
          ink.moveTo(from.x, from.y);
          ink.lineTo(to.x, to.y);
          ink.stroke();
        }

        function changed() {
          version += 1;
          hasInk = true;
          document.body.dataset.busy = "1";
          if (timer === null) timer = setTimeout(() => { timer = null; send(); }, DEBOUNCE_MS);
        }

        pad.addEventListener("pointerdown", (event) => {
          if (event.button !== 0 && event.pointerType === "mouse") return;
          event.preventDefault();
          pad.setPointerCapture(event.pointerId);
          last = point(event);
          dot(last);
          changed();
        });
        pad.addEventListener("pointermove", (event) => {
          if (last === null) return;
          event.preventDefault();
          const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
          for (const e of (events.length ? events : [event])) {
            const p = point(e);
            segment(last, p);
            last = p;
          }
          changed();
        });
        function endStroke(event) {
          if (last === null) return;
          last = null;
          if (pad.hasPointerCapture(event.pointerId)) pad.releasePointerCapture(event.pointerId);
          if (timer !== null) { clearTimeout(timer); timer = null; }
          send();
        }
        pad.addEventListener("pointerup", endStroke);
        pad.addEventListener("pointercancel", endStroke);
        pad.addEventListener("contextmenu", (event) => event.preventDefault());

        function send() {
          if (inFlight || !hasInk) return;
          if (shownVersion === version) { document.body.dataset.busy = "0"; return; }
          inFlight = true;
          const sent = version;
          pad.toBlob((blob) => {
            // One retry: the server closes idle connections, and a request can meet the close.
            const post = () => fetch("/api/classify", { method: "POST", headers: { "Content-Type": "image/png" }, body: blob });
            post().catch(post)
              .then((response) => response.json().then((answer) => ({ ok: response.ok, answer })))
              .then(({ ok, answer }) => {
                if (!ok) throw new Error(answer.error || "the server refused the image");
                statusLine.textContent = "";
                if (sent > shownVersion && hasInk) { show(answer); shownVersion = sent; }
              })
              .catch((error) => { statusLine.textContent = "No reading: " + error.message; shownVersion = Math.max(shownVersion, sent); })
              .finally(() => {
                inFlight = false;
                if (version !== shownVersion && hasInk) send();
                else if (timer === null) document.body.dataset.busy = "0";
              });
          }, "image/png");
        }

        function show(answer) {
          if (answer.digit === null || answer.digit === undefined) {
            showNothing();
          } else {
            prediction.textContent = String(answer.digit);
            prediction.className = "";
            confidence.textContent = percent(answer.confidence) + " sure";
            answer.probabilities.forEach((p, d) => {
              bars[d].querySelector(".fill").style.width = (p * 100).toFixed(1) + "%";
              bars[d].querySelector(".value").textContent = percent(p);
              bars[d].classList.toggle("best", d === answer.digit);
            });
          }
          drawSeen(answer.input);
        }

        // As `digits classify` writes a probability: one decimal, never rounded to a certainty.
        function percent(p) {
          if (p < 1 && p >= 0.9995) return ">99.9%";
          if (p > 0 && p < 0.0005) return "<0.1%";
          return (p * 100).toFixed(1) + "%";
        }

        function showNothing() {
          prediction.textContent = "no digit";
          prediction.className = "none";
          confidence.innerHTML = "&nbsp;";
          for (const bar of bars) {
            bar.querySelector(".fill").style.width = "0";
            bar.querySelector(".value").textContent = "–";
            bar.classList.remove("best");
          }
        }

        // The network's input: 0 background … 255 ink, drawn as ink on paper.
        function drawSeen(pixels) {
          const image = seenContext.createImageData(28, 28);
          for (let i = 0; i < 784; i++) {
            const level = 255 - (pixels && pixels.length === 784 ? pixels[i] : 0);
            image.data[4 * i] = level; image.data[4 * i + 1] = level; image.data[4 * i + 2] = level;
            image.data[4 * i + 3] = 255;
          }
          seenContext.putImageData(image, 0, 0);
        }

        function clearPad() {
          resetPad();
          version += 1;
          shownVersion = version;
          hasInk = false;
          last = null;
          if (timer !== null) { clearTimeout(timer); timer = null; }
          showNothing();
          drawSeen(null);
          statusLine.textContent = "";
          document.body.dataset.busy = inFlight ? "1" : "0";
        }

        document.getElementById("clear").addEventListener("click", clearPad);
        document.addEventListener("keydown", (event) => {
          if (event.key === "Escape" || event.key === "Delete") { event.preventDefault(); clearPad(); }
        });

        fetch("/api/model").then((r) => r.json()).then((m) => {
          const accuracy = m.validation_accuracy === null ? "not measured"
            : (m.validation_accuracy * 100).toFixed(2) + "% on held-out training images";
          document.getElementById("model").textContent = "Model: " + m.architecture + " " + m.activation + ", "
            + m.parameters.toLocaleString("en") + " parameters, " + m.epochs_done + (m.epochs_done === 1 ? " epoch" : " epochs")
            + " of training, validation accuracy "
            + accuracy + " (" + m.checkpoint + ")";
        }).catch(() => { document.getElementById("model").textContent = "Model facts unavailable."; });

        resetPad();
        drawSeen(null);

        """#
}
