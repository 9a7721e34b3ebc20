// Shared pieces of the HTML pages: the result type, the style sheet, and escaping helpers.

import Foundation

/// A finished HTML page and every file it refers to.
public struct HTMLPage: Sendable, Equatable {
    /// The page text (UTF-8 when written), self-contained but for `referencedFiles`.
    public var html: String
    /// Relative file names used in `<img src>`, in first-use order, each once; the writer
    /// must put these files beside the page.
    public var referencedFiles: [String]
}

/// Collects the page text and the files it references while a page is built.
struct HTMLBuilder {
    var html = ""
    var files: [String] = []

    /// Appends raw HTML (the caller has escaped any text in it).
    mutating func raw(_ text: String) { html += text }

    /// Appends `text` escaped.
    mutating func text(_ text: String) { html += xmlEscape(text) }

    /// Appends `<tag>escaped text</tag>`.
    mutating func element(_ tag: String, _ content: String, className: String? = nil) {
        let attribute = className.map { " class=\"\(xmlEscape($0))\"" } ?? ""
        html += "<\(tag)\(attribute)>\(xmlEscape(content))</\(tag)>\n"
    }

    /// Appends an `<img>` for the relative file `file` and records the file.
    mutating func image(_ file: String, alt: String, className: String? = nil, width: Int? = nil) {
        if !files.contains(file) { files.append(file) }
        var tag = "<img src=\"\(xmlEscape(urlPathEscape(file)))\" alt=\"\(xmlEscape(alt))\""
        if let className { tag += " class=\"\(xmlEscape(className))\"" }
        if let width { tag += " width=\"\(width)\"" }
        html += tag + ">"
    }

    var page: HTMLPage { HTMLPage(html: html, referencedFiles: files) }
}

/// Percent-encodes a relative file path for a URL: letters, digits, `-._~` and `/` stay,
/// every other UTF-8 byte becomes `%XX` (so spaces, `#`, `?` and `%` in names are safe).
public func urlPathEscape(_ path: String) -> String {
    let hex = Array("0123456789ABCDEF")
    var out = ""
    for byte in path.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            out.append(Character(Unicode.Scalar(byte)))
        default:
            out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0f)])
        }
    }
    return out
}

/// The page head: charset, viewport, title and the one inline style sheet
/// (no scripts, fonts or network; black on white, and tables and figures kept whole in print).
func htmlHead(title: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(xmlEscape(title))</title>
    <style>
    body { font-family: Helvetica, Arial, sans-serif; color: #222; background: #fff;
           max-width: 980px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
    h1 { font-size: 1.6em; margin-bottom: 0.2em; }
    h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
    .lead { font-size: 1.1em; }
    .lead strong { font-size: 1.3em; }
    figure { margin: 1em 0; }
    figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
    figcaption { font-size: 0.9em; color: #444; margin-top: 0.3em; }
    img.pixelated { image-rendering: pixelated; image-rendering: crisp-edges; }
    table { border-collapse: collapse; font-size: 0.9em; margin: 0.8em 0; }
    th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: right; }
    th { background: #f0f0f0; }
    td.diagonal { font-weight: bold; background: #eef5ea; }
    td.total, th.total { background: #f7f7f7; font-weight: bold; }
    table.settings td, table.settings th { text-align: left; }
    ol.captions { columns: 2; font-size: 0.9em; }
    .explain { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
    .explain img { max-height: 320px; width: auto; }
    .explain figure { display: table; margin: 0; }
    .explain figcaption { display: table-caption; caption-side: bottom; }
    @media print {
      body { margin: 0; max-width: none; }
      h2 { break-after: avoid; }
      figure, table { break-inside: avoid; }
    }
    </style>
    </head>
    <body>

    """
}

/// Formats a fraction in [0, 1] as a percentage with `decimals` places, e.g. `"97.85%"`;
/// non-finite values (a class with no support) as `"–"`.
func percent(_ fraction: Double, decimals: Int = 2) -> String {
    guard fraction.isFinite else { return "–" }
    return String(format: "%.\(min(max(decimals, 0), 6))f%%", fraction * 100)
}

/// A probability as a percentage with one decimal, never rounded up to a certainty it is not:
/// 0.612 → `"61.2%"`, 0.99996 → `">99.9%"`, 1 → `"100.0%"`.
func confidencePercent(_ p: Double) -> String {
    p < 1 && p >= 0.9995 ? ">99.9%" : percent(p, decimals: 1)
}

/// An integer with thousands separators, e.g. 10000 → `"10,000"`.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return n < 0 ? "-" + out : out
}
