/// Keeping the digit and dropping specks: the 8-connected components of an ink image, each
/// kept or erased whole by how much strong ink it holds.
///
/// Sensor noise, dust and paper texture leave scattered pixels and small clusters beyond the
/// noise threshold; a digit is one or a few large pieces. A piece is kept when it holds at
/// least `minimumStrong` pixels of strong ink and at least 1/`specksRatio` of the strong
/// pixels of the largest piece. Pixels of a kept piece keep their levels, so the anti-aliased
/// edges the network was trained on survive; pixels of other pieces become 0. Thin strokes
/// survive too: a one-pixel line is one connected piece, where a median filter would erase it.
///
/// Labelling works on runs (maximal horizontal stretches of nonzero pixels), not pixels: each
/// run is joined (union–find) with the runs of the row above that touch it, diagonals
/// included. A stroke crosses a row in one run, so a 600 × 600 picture has a few thousand runs
/// where it has tens of thousands of ink pixels.
enum InkComponents {
    /// A piece with fewer strong pixels than the largest piece's divided by this is a speck.
    static let specksRatio = 50

    /// One run: columns `start...end` of `row`, and how many of its pixels are strong ink.
    struct Run {
        var row: Int
        var start: Int
        var end: Int
        var strong: Int
    }

    /// Erases from `ink` (`[height, width]`) every piece that is not part of the digit (see
    /// the type's description) and returns the bounding box of what is left, nil if nothing.
    ///
    /// - Parameters:
    ///   - strongLevel: ink at or above this level is strong.
    ///   - minimumStrong: the fewest strong pixels a piece needs to be kept.
    static func keepDigit(
        _ ink: inout [UInt8], width: Int, height: Int, strongLevel: UInt8, minimumStrong: Int
    ) -> (x: Int, y: Int, width: Int, height: Int)? {
        var runs: [Run] = []
        var labels: [Int32] = []  // per run
        var sets = UnionFind()
        var previous = 0..<0  // the runs of the row above
        for y in 0..<height {
            let row = y * width
            let first = runs.count
            var above = previous.lowerBound
            var x = 0
            while x < width {
                if ink[row + x] == 0 {
                    x += 1
                    // Paper, mostly: skip it eight pixels at a time.
                    while x + 8 <= width
                        && ink[row + x] | ink[row + x + 1] | ink[row + x + 2] | ink[row + x + 3]
                            | ink[row + x + 4] | ink[row + x + 5] | ink[row + x + 6] | ink[row + x + 7] == 0
                    {
                        x += 8
                    }
                    continue
                }
                var run = Run(row: y, start: x, end: x, strong: 0)
                while x < width, ink[row + x] != 0 {
                    if ink[row + x] >= strongLevel { run.strong += 1 }
                    x += 1
                }
                run.end = x - 1
                // The runs above that touch columns start − 1 ... end + 1.
                while above < previous.upperBound && runs[above].end < run.start - 1 { above += 1 }
                var label: Int32 = -1
                var touching = above
                while touching < previous.upperBound && runs[touching].start <= run.end + 1 {
                    let other = labels[touching]
                    label = label < 0 ? other : sets.union(label, other)
                    touching += 1
                }
                runs.append(run)
                labels.append(label < 0 ? sets.add() : label)
            }
            previous = first..<runs.count
        }
        guard !runs.isEmpty else { return nil }

        // Strong pixels per piece.
        var strong = [Int](repeating: 0, count: sets.count)
        for r in runs.indices {
            labels[r] = sets.root(labels[r])
            strong[Int(labels[r])] += runs[r].strong
        }
        let needed = max(minimumStrong, (strong.max() ?? 0) / specksRatio, 1)

        // Erase the specks, measure what is left.
        var (left, right, top, bottom) = (width, -1, height, -1)
        for (run, label) in zip(runs, labels) {
            if strong[Int(label)] < needed {
                for x in run.start...run.end { ink[run.row * width + x] = 0 }
                continue
            }
            left = min(left, run.start)
            right = max(right, run.end)
            top = min(top, run.row)
            bottom = max(bottom, run.row)
        }
        guard right >= 0 else { return nil }
        return (left, top, right - left + 1, bottom - top + 1)
    }
}

extension InkComponents {
    /// The same as `keepDigit`, computed the slow, obvious way: each piece found by a flood fill
    /// over the 8 neighbours of every pixel, its strong pixels counted, and the rule applied.
    /// For tests.
    static func keepDigitReference(
        _ ink: inout [UInt8], width: Int, height: Int, strongLevel: UInt8, minimumStrong: Int
    ) -> (x: Int, y: Int, width: Int, height: Int)? {
        var piece = [Int](repeating: -1, count: ink.count)
        var pieces: [[Int]] = []
        for start in ink.indices where ink[start] != 0 && piece[start] < 0 {
            var members = [start]
            piece[start] = pieces.count
            var next = 0
            while next < members.count {
                let (y, x) = members[next].quotientAndRemainder(dividingBy: width)
                next += 1
                for ny in max(0, y - 1)...min(height - 1, y + 1) {
                    for nx in max(0, x - 1)...min(width - 1, x + 1) {
                        let i = ny * width + nx
                        if ink[i] != 0 && piece[i] < 0 {
                            piece[i] = pieces.count
                            members.append(i)
                        }
                    }
                }
            }
            pieces.append(members)
        }
        let strong = pieces.map { members in members.filter { ink[$0] >= strongLevel }.count }
        let needed = max(minimumStrong, (strong.max() ?? 0) / specksRatio, 1)
        for (members, count) in zip(pieces, strong) where count < needed {
            for i in members { ink[i] = 0 }
        }
        return inkBoundingBox(ink, width: width, height: height)
    }
}

/// Disjoint sets of labels `0..<count` (union by smaller label, path compression).
struct UnionFind {
    /// `parent[l]`: the label `l` is merged into; a root is its own parent.
    var parent: [Int32] = []

    /// The number of labels made.
    var count: Int { parent.count }

    /// A new label, in a set of its own.
    mutating func add() -> Int32 {
        let label = Int32(parent.count)
        parent.append(label)
        return label
    }

    /// The root of `label`'s set.
    mutating func root(_ label: Int32) -> Int32 {
        var r = label
        while parent[Int(r)] != r { r = parent[Int(r)] }
        var l = label
        while parent[Int(l)] != r {
            let next = parent[Int(l)]
            parent[Int(l)] = r
            l = next
        }
        return r
    }

    /// Merges the sets of `a` and `b`; returns the root of the merged set (the smaller).
    mutating func union(_ a: Int32, _ b: Int32) -> Int32 {
        let (ra, rb) = (root(a), root(b))
        if ra == rb { return ra }
        let (low, high) = ra < rb ? (ra, rb) : (rb, ra)
        parent[Int(high)] = low
        return low
    }
}
