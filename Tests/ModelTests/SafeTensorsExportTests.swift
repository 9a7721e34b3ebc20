#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

@testable import Model

/// Files for checking `scripts/check-checkpoint.py` against Swift by hand:
///
///     mkdir -p /tmp/st && SAFETENSORS_EXPORT=/tmp/st swift test --filter SafeTensorsExport
///     python3 scripts/check-checkpoint.py /tmp/st/awkward-names.safetensors
///     for a in identity sigmoid tanh relu leaky-relu gelu step; do
///         python3 scripts/check-checkpoint.py /tmp/st/network-$a.safetensors \
///             --images /tmp/st/images.idx --expect /tmp/st/predictions-$a.txt
///     done
///
/// and `SAFETENSORS_IMPORT=FILE` decodes a file written elsewhere and prints what it holds.
/// Without the variables the tests only check that the networks it would write survive a round
/// trip through the file format.
@Suite("SafeTensors export for Python")
struct SafeTensorsExportTests {
    static let activations = ["identity", "sigmoid", "tanh", "relu", "leaky-relu", "gelu", "step"]
    static let layerSizes = [784, 16, 12, 10]
    static let imageCount = 64

    @Test func exportNetworksImagesAndPredictions() throws {
        let directory = getenv("SAFETENSORS_EXPORT").map { String(cString: $0) }
        var random = LinearCongruential(seed: 2024)
        // Each image is one of 16 random sparse patterns with a little noise, so that the
        // random networks' predictions vary from image to image.
        let patterns = (0..<16).map { _ in
            (0..<784).map { _ in random.next() >> 29 == 0 ? UInt8(truncatingIfNeeded: random.next() >> 24) : 0 }
        }
        let images = (0..<Self.imageCount).flatMap { index in
            patterns[index % patterns.count].map { $0 ^ UInt8(truncatingIfNeeded: random.next() >> 28) }
        }
        if let directory {
            try writeIDX(images, count: Self.imageCount, to: directory + "/images.idx")
            try SafeTensorsTests.sample.write(to: directory + "/sample.safetensors")
            try Self.awkwardNames.write(to: directory + "/awkward-names.safetensors")
        }
        for activation in Self.activations {
            let network = Self.network(activation: activation, random: &random)
            let decoded = try SafeTensors(decoding: network.encoded(), path: activation)
            #expect(decoded == network)
            guard let directory else { continue }
            try network.write(to: directory + "/network-\(activation).safetensors")
            let predictions = (0..<Self.imageCount).map {
                Self.predict(network, activation: activation, image: images[($0 * 784)..<(($0 + 1) * 784)])
            }
            let text = predictions.map(String.init).joined(separator: "\n") + "\n"
            try writeText(text, to: directory + "/predictions-\(activation).txt")
        }
    }

    /// With `SAFETENSORS_IMPORT=FILE` set, decodes FILE (for example one written by Python's
    /// `safetensors.numpy.save_file`) and prints each tensor's name, shape and sum, and the
    /// metadata, to compare with what Python printed.
    @Test func importFileWhenAsked() throws {
        guard let path = getenv("SAFETENSORS_IMPORT").map({ String(cString: $0) }) else { return }
        let file = try SafeTensors(contentsOf: path)
        print("\(path): \(file.tensors.count) tensors")
        for named in file.tensors {
            let sum = named.tensor.values.reduce(0.0) { $0 + Double($1) }
            print("  \(named.name) \(named.tensor.shape) sum \(sum)")
        }
        for key in file.metadata.keys.sorted() { print("  metadata \(key) = \(file.metadata[key] ?? "")") }
        #expect(SafeTensors(tensors: file.tensors, metadata: file.metadata) == file)
    }

    /// Names and metadata that need escaping or are not ASCII.
    static let awkwardNames = SafeTensors(
        tensors: [
            .init(name: "poids·couche 1 ☃ 🧠", tensor: .init(shape: [1], values: [1])),
            .init(name: "quote \" back\\slash\nnewline\u{1}", tensor: .init(shape: [2, 1], values: [2, 3])),
        ],
        metadata: ["clé": "valeur ✓ 数字", "json": #"{"a":"b\"c"}"#, "": ""])

    /// An MLP `784 → 16 → 12 → 10` with weights uniform in ±6/√in and biases in ±0.1, stored as `layers.{i}.weight`
    /// `[out, in]` and `layers.{i}.bias` `[out]`, with the metadata the CLI is expected to write.
    fileprivate static func network(activation: String, random: inout LinearCongruential) -> SafeTensors {
        var tensors: [SafeTensors.NamedTensor] = []
        for layer in 0..<(layerSizes.count - 1) {
            let (inputs, outputs) = (layerSizes[layer], layerSizes[layer + 1])
            let bound = 6 / Float(inputs).squareRoot()
            let weights = (0..<(outputs * inputs)).map { _ in random.uniform(-bound, bound) }
            let biases = (0..<outputs).map { _ in random.uniform(-0.1, 0.1) }
            tensors.append(
                .init(name: "layers.\(layer).weight", tensor: .init(shape: [outputs, inputs], values: weights)))
            tensors.append(.init(name: "layers.\(layer).bias", tensor: .init(shape: [outputs], values: biases)))
        }
        let sizes = layerSizes.dropFirst().map(String.init).joined(separator: ",")
        return SafeTensors(
            tensors: tensors,
            metadata: [
                "architecture":
                    #"{"inputSize":784,"layerSizes":[\#(sizes)],"activation":"\#(activation)","leakySlope":0.1}"#,
                "input_scaling": #"{"scale":0.00392156862745098,"offset":-0.5}"#,
            ])
    }

    /// The digit a plain Double forward pass picks: `x = pixel/255 − 0.5`, hidden layers
    /// `activation(W x + b)`, the last layer's arg-max (softmax does not change it).
    fileprivate static func predict(_ network: SafeTensors, activation: String, image: ArraySlice<UInt8>) -> Int {
        var x = image.map { Double($0) * 0.00392156862745098 - 0.5 }
        let layers = layerSizes.count - 1
        for layer in 0..<layers {
            guard let w = network["layers.\(layer).weight"], let b = network["layers.\(layer).bias"] else { return -1 }
            let (outputs, inputs) = (w.shape[0], w.shape[1])
            x = (0..<outputs).map { row in
                var sum = Double(b.values[row])
                for column in 0..<inputs { sum += Double(w.values[row * inputs + column]) * x[column] }
                return layer == layers - 1 ? sum : apply(activation, sum)
            }
        }
        return x.indices.max { x[$0] < x[$1] } ?? -1
    }

    fileprivate static func apply(_ activation: String, _ z: Double) -> Double {
        switch activation {
        case "sigmoid": return 1 / (1 + exp(-z))
        case "tanh": return tanh(z)
        case "relu": return max(z, 0)
        case "leaky-relu": return z > 0 ? z : 0.1 * z
        case "gelu": return 0.5 * z * (1 + erf(z / 2.0.squareRoot()))
        case "step": return z > 0 ? 1 : 0
        default: return z
        }
    }
}

/// A tiny deterministic generator (Knuth's MMIX constants), so the exported files never change.
private struct LinearCongruential {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 32
    }
    mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * Float(next()) / Float(UInt32.max)
    }
}

/// Writes `count` 28×28 images as an uncompressed u8 IDX file (magic 0x00000803).
private func writeIDX(_ pixels: [UInt8], count: Int, to path: String) throws {
    var bytes: [UInt8] = [0, 0, 0x08, 0x03]
    for dimension in [count, 28, 28] {
        bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: dimension >> $0) }
    }
    try writeBytes(bytes + pixels, to: path)
}

private func writeText(_ text: String, to path: String) throws {
    try writeBytes(Array(text.utf8), to: path)
}

private func writeBytes(_ bytes: [UInt8], to path: String) throws {
    guard let file = fopen(path, "wb") else { throw ExportError(path: path) }
    defer { fclose(file) }
    guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw ExportError(path: path) }
}

private struct ExportError: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(path): cannot write the export file" }
}
