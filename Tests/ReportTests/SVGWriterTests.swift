import Foundation
import Model
import Testing
@testable import Report

@Test func numbersAreCompactAndDeterministic() {
    #expect(svgNumber(3) == "3")
    #expect(svgNumber(2.5) == "2.5")
    #expect(svgNumber(1.0 / 3) == "0.33")
    #expect(svgNumber(2.0 / 3) == "0.67")
    #expect(svgNumber(-1.25) == "-1.25")
    #expect(svgNumber(10.05) == "10.05")
    #expect(svgNumber(0.1 + 0.2) == "0.3")
    #expect(svgNumber(100) == "100")
    #expect(svgNumber(-0.0) == "0")
    #expect(svgNumber(-0.001) == "0")
    #expect(svgNumber(0.004) == "0")
    #expect(svgNumber(.nan) == "0")
    #expect(svgNumber(.infinity) == "0")
    #expect(svgNumber(1e20) == "1000000000000")
}

@Test func textIsEscaped() {
    #expect(xmlEscape(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
    #expect(xmlEscape("plain 7") == "plain 7")
}

@Test func documentIsStandaloneAndEscapesTextAndAttributes() throws {
    var doc = SVGDocument(width: 200, height: 100.5, title: "T & <u>")
    doc.append(
        .text(
            "x < y & \"z\"", x: 1, y: 2,
            style: SVGStyle(className: "label", fill: "#222222", fontSize: 12, anchor: .middle)))
    doc.append(.line(x1: 0, y1: 0, x2: 10, y2: 10, style: SVGStyle(stroke: "#000", strokeWidth: 1.5, dash: [4, 2])))
    doc.append(.rect(x: 1, y: 1, width: -5, height: 3, style: SVGStyle(fill: "red", opacity: 0.5), tooltip: "it's"))
    doc.append(.path(SVGPath(polyline: [(0, 0), (1.234, -0.001), (2, 3)]), style: SVGStyle(fill: "none")))
    doc.append(.group([.circle(cx: 5, cy: 5, r: 2)], translateX: 10, translateY: -2.5))
    let svg = doc.render()
    #expect(svg.contains(#"xmlns="http://www.w3.org/2000/svg""#))
    #expect(svg.contains(#"viewBox="0 0 200 100.5""#))
    #expect(svg.contains(#"width="200" height="100.5""#))
    #expect(svg.contains("<title>T &amp; &lt;u&gt;</title>"))
    #expect(svg.contains("x &lt; y &amp; &quot;z&quot;"))
    #expect(svg.contains(##"class="label" fill="#222222" font-size="12" text-anchor="middle""##))
    #expect(svg.contains(#"stroke-width="1.5" stroke-dasharray="4 2""#))
    #expect(svg.contains(#"width="0" height="3""#))
    #expect(svg.contains("<title>it&#39;s</title>"))
    #expect(svg.contains(#"d="M0 0L1.23 0L2 3""#))
    #expect(svg.contains(#"transform="translate(10 -2.5)""#))
    #expect(!svg.contains("-0\""))
    let parsed = parseXML(svg)
    #expect(parsed.wellFormed)
    #expect(parsed.count("circle") == 1)
    #expect(parsed.count("text", classes: ["label"]) == 1)
    #expect(parsed.text.contains("x < y & \"z\""))
}

@Test func renderingIsDeterministic() {
    let history = sampleHistory(epochs: 5)
    #expect(learningCurveSVG(history, loss: .crossEntropy) == learningCurveSVG(history, loss: .crossEntropy))
}

@Test func niceTicksUseStepsOfOneTwoFive() {
    let t = NiceTicks(from: 0.13, to: 2.7, count: 5)
    #expect(t.step == 0.5)
    #expect(t.lower == 0)
    #expect(t.upper == 3)
    #expect(t.values.count == 7)
    #expect(NiceTicks.niceStep(for: 0.3) == 0.2)
    #expect(NiceTicks.niceStep(for: 0.4) == 0.5)
    #expect(NiceTicks.niceStep(for: 0.11) == 0.1)
    #expect(NiceTicks.niceStep(for: 7.5) == 10)
    #expect(NiceTicks.niceStep(for: 1) == 1)
    #expect(NiceTicks.niceStep(for: 0) == 1)
    let percent = NiceTicks(from: 0.91, to: 0.99, count: 5)
    #expect(percent.step == 0.02)
    #expect(percent.label(0.96, scale: 100, suffix: "%") == "96%")
    #expect(NiceTicks(from: 0, to: 0.5, count: 5).label(0.3) == "0.3")
    #expect(NiceTicks(from: -1, to: 1, count: 4).label(-0.0000001) == "0.0")
    // A single value still gives a usable range.
    let single = NiceTicks(from: 5, to: 5)
    #expect(single.lower < 5 && single.upper > 5)
    for rough in [0.0007, 0.03, 0.9, 4.2, 17, 380, 12_345] {
        let step = NiceTicks.niceStep(for: rough)
        // The nearest nice step is within a factor [2/√10, √2] ≈ [0.63, 1.41] of the rough one.
        #expect(step / rough >= 2 / 10.0.squareRoot() - 1e-12)
        #expect(step / rough <= 2.0.squareRoot() + 1e-12)
        let mantissa = step / pow(10, log10(step).rounded(.down))
        #expect([1.0, 2, 5].contains { abs($0 - mantissa) < 1e-9 })
    }
}
