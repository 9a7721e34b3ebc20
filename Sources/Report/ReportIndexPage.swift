// The report's index.html: headline numbers, pictures, tables and settings on one page.

/// Builds the self-contained report page.
///
/// Sections, in order: title and headline accuracy; each figure (`<img>` with caption);
/// the mistakes gallery with its captions listed in tile order (with row and column);
/// the confusion table (counts with row and column totals, diagonal highlighted); the
/// per-class table (precision, recall, F1 in %, support); the settings. All text is escaped;
/// the only style is inline CSS, with no scripts, fonts or network access.
///
/// - Returns: the HTML and the relative files it references (every figure and the
///   mistakes picture), which the caller must write beside the page.
public func reportIndexHTML(_ content: ReportContent) -> HTMLPage {
    var page = HTMLBuilder()
    page.raw(htmlHead(title: content.title))
    page.element("h1", content.title)
    if !content.summary.isEmpty { page.element("p", content.summary) }
    let correct = (0..<content.confusion.count).reduce(0) { sum, i in
        sum + (i < content.confusion[i].count ? content.confusion[i][i] : 0)
    }
    page.raw(
        "<p class=\"lead\">Accuracy <strong>\(percent(content.accuracy))</strong> on \(grouped(content.count)) images")
    let tallied = content.confusion.reduce(0) { $0 + $1.reduce(0, +) }
    if tallied > 0 {
        page.raw(
            " (confusion matrix: \(grouped(correct)) of \(grouped(tallied)) correct, \(grouped(tallied - correct)) wrong)"
        )
    }
    page.raw(".</p>\n")

    for figure in content.figures {
        page.element("h2", figure.title)
        page.raw("<figure>")
        page.image(figure.file, alt: figure.alt, className: figure.pixelated ? "pixelated" : nil)
        if !figure.caption.isEmpty { page.raw("<figcaption>\(xmlEscape(figure.caption))</figcaption>") }
        page.raw("</figure>\n")
    }

    if let mistakes = content.mistakes {
        page.element("h2", "Mistakes")
        if mistakes.captions.isEmpty {
            page.element("p", "No mistakes to show.")
        } else {
            page.raw("<figure>")
            let alt = "Grid of \(mistakes.captions.count) misclassified images, dark ink on white"
            page.image(mistakes.imageFile, alt: alt, className: "pixelated")
            page.raw("<figcaption>Misclassified images, read left to right and top to bottom; ")
            page.raw("tile captions below.</figcaption></figure>\n")
            page.raw("<ol class=\"captions\">\n")
            for (i, caption) in mistakes.captions.enumerated() {
                let at = mistakes.layout.position(ofTile: i)
                page.raw("<li>")
                page.text("row \(at.row), column \(at.column): image #\(caption.index), ")
                page.text("true \(content.name(of: caption.label)), predicted \(content.name(of: caption.predicted)) ")
                page.text("(\(confidencePercent(Double(caption.confidence))))")
                page.raw("</li>\n")
            }
            page.raw("</ol>\n")
        }
    }

    if !content.confusion.isEmpty {
        page.element("h2", "Confusion table")
        page.element("p", "Rows: true digit. Columns: predicted digit. Bold diagonal: correct predictions.")
        page.raw(confusionTableHTML(content.confusion, labels: content.labels))
    }

    if !content.perClass.isEmpty {
        page.element("h2", "Per-class precision and recall")
        page.raw("<table>\n<tr><th>digit</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>\n")
        for metric in content.perClass {
            page.raw("<tr><th>\(xmlEscape(content.name(of: metric.label)))</th><td>\(percent(metric.precision))</td>")
            page.raw("<td>\(percent(metric.recall))</td><td>\(percent(metric.f1))</td>")
            page.raw("<td>\(metric.support)</td></tr>\n")
        }
        page.raw("</table>\n")
    }

    if !content.settings.isEmpty {
        page.element("h2", "Settings")
        page.raw("<table class=\"settings\">\n")
        for setting in content.settings {
            page.raw("<tr><th>\(xmlEscape(setting.name))</th><td>\(xmlEscape(setting.value))</td></tr>\n")
        }
        page.raw("</table>\n")
    }
    page.raw("</body>\n</html>\n")
    return page.page
}

/// The confusion counts as an HTML table: a header row of predicted labels, one row per
/// true label ending in its total, and a last row of column totals and the grand total.
/// Ragged rows are shown as they are (missing cells empty).
public func confusionTableHTML(_ counts: [[Int]], labels: [String] = (0..<10).map(String.init)) -> String {
    let columns = counts.map(\.count).max() ?? 0
    func label(_ i: Int) -> String { xmlEscape(i < labels.count ? labels[i] : String(i)) }
    var html = "<table class=\"confusion\">\n<tr><th>true \\ predicted</th>"
    for p in 0..<columns { html += "<th>\(label(p))</th>" }
    html += "<th class=\"total\">total</th></tr>\n"
    var columnTotals = [Int](repeating: 0, count: columns)
    for (t, row) in counts.enumerated() {
        html += "<tr><th>\(label(t))</th>"
        for p in 0..<columns {
            guard p < row.count else { html += "<td></td>"; continue }
            columnTotals[p] += row[p]
            html += p == t ? "<td class=\"diagonal\">\(row[p])</td>" : "<td>\(row[p])</td>"
        }
        html += "<td class=\"total\">\(row.reduce(0, +))</td></tr>\n"
    }
    html += "<tr><th class=\"total\">total</th>"
    for total in columnTotals { html += "<td class=\"total\">\(total)</td>" }
    html += "<td class=\"total\">\(columnTotals.reduce(0, +))</td></tr>\n</table>\n"
    return html
}
