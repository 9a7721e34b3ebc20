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
/// Labelling is the classic two-pass union–find over the rows: O(pixels), one `Int32` label
/// per pixel.
enum InkComponents {
    /// A piece with fewer strong pixels than the largest piece's divided by this is a speck.
    static let specksRatio = 50

    /// Erases from `ink` (`[height, width]`) every piece that is not part of the digit (see
    /// the type's description) and returns the bounding box of what is left, nil if nothing.
    ///
    /// - Parameters:
    ///   - strongLevel: ink at or above this level is strong.
    ///   - minimumStrong: the fewest strong pixels a piece needs to be kept.
    static func keepDigit(
        _ ink: inout [UInt8], width: Int, height: Int, strongLevel: UInt8, minimumStrong: Int
    ) -> (x: Int, y: Int, width: Int, height: Int)? {
        var labels = [Int32](repeating: -1, count: ink.count)
        var sets = UnionFind()
        var inked: [Int] = []  // the positions of the nonzero pixels, in order

        // Pass 1: provisional labels from the left, upper-left, upper and upper-right pixels.
        for y in 0..<height {
            let row = y * width
            for x in 0..<width where ink[row + x] != 0 {
                var label: Int32 = -1
                if x > 0, labels[row + x - 1] >= 0 { label = labels[row + x - 1] }
                if y > 0 {
                    let above = row - width
                    for nx in max(0, x - 1)...min(width - 1, x + 1) {
                        let neighbour = labels[above + nx]
                        if neighbour < 0 || neighbour == label { continue }
                        label = label < 0 ? neighbour : sets.union(label, neighbour)
                    }
                }
                if label < 0 { label = sets.add() }
                labels[row + x] = label
                inked.append(row + x)
            }
        }
        guard sets.count > 0 else { return nil }

        // Pass 2: strong pixels per piece.
        var strong = [Int](repeating: 0, count: sets.count)
        for i in inked {
            let r = sets.root(labels[i])
            labels[i] = r
            if ink[i] >= strongLevel { strong[Int(r)] += 1 }
        }
        let largest = strong.max() ?? 0
        let needed = max(minimumStrong, largest / specksRatio, 1)

        // Pass 3: erase the specks, measure what is left.
        var (left, right, top, bottom) = (width, -1, height, -1)
        for i in inked {
            if strong[Int(labels[i])] < needed {
                ink[i] = 0
                continue
            }
            let (y, x) = i.quotientAndRemainder(dividingBy: width)
            left = min(left, x)
            right = max(right, x)
            top = min(top, y)
            bottom = max(bottom, y)
        }
        guard right >= 0 else { return nil }
        return (left, top, right - left + 1, bottom - top + 1)
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
