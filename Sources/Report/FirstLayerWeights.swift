// Which weights the "first-layer weights" picture shows, and the picture itself.

import Imaging
import Model

/// The weights a network's first dense layer gives each input pixel, one tile per unit.
///
/// The first layer is the one that looks at the pixels: the first hidden layer, or for a
/// network with no hidden layer (softmax regression) the output layer, whose ten units are
/// then the class templates.
public struct FirstLayerWeights: Sendable, Equatable {
    /// Units of the layer (rows of its weight matrix).
    public var units: Int
    /// Side of the square input image in pixels (28 for MNIST's 784 inputs).
    public var side: Int
    /// Whether the layer is the output layer (the network has no hidden layer).
    public var isOutputLayer: Bool
    /// The weight matrix `[units, side × side]`, row-major: unit `u`'s incoming weights are
    /// `weights[u * side * side ..< (u + 1) * side * side]`, in input-pixel order.
    public var weights: [Float]

    /// Layer 0 of `network`.
    ///
    /// - Throws: `ReportError.wrongSize` if the network's input is not a square image
    ///   (its input size is not a perfect square).
    public init(of network: MLP) throws(ReportError) {
        let inputs = network.architecture.inputSize
        var side = 0
        while (side + 1) * (side + 1) <= inputs { side += 1 }
        guard side > 0, side * side == inputs else {
            throw .wrongSize(input: "network input (a square image)", index: 0, expected: side * side, found: inputs)
        }
        self.side = side
        units = network.layout.first?.outputs ?? 0
        isOutputLayer = network.architecture.hiddenSizes.isEmpty
        weights = units > 0 ? Array(network.weight(0)) : []
    }

    /// The tiles of the first `limit` units, `layout.columns` to a row, each unit's weights
    /// as a `side` × `side` picture in the diverging map (see `weightTiles`).
    public func picture(limit: Int, layout: TileLayout) throws(ReportError) -> RGBImage {
        try weightTiles(weights, units: units, width: side, height: side, limit: limit, layout: layout)
    }

    /// A caption saying what the tiles are, how many are shown and how to read the colours.
    public func caption(shown: Int) -> String {
        let reading =
            "Red: ink on that pixel raises the unit's input; blue: it lowers it; white: no effect. "
            + "Each tile is scaled by its own largest |weight|."
        if isOutputLayer {
            return "The output layer's \(units) units (the network has no hidden layer): the class templates, "
                + "digit 0 first, read left to right. " + reading
        }
        let which = shown < units ? "the first \(shown) of the \(units) units" : "all \(units) units"
        return "Each tile is one first-hidden-layer unit's \(side * side) incoming weights as a \(side) × \(side) "
            + "picture; \(which), read left to right and top to bottom. " + reading
    }
}
