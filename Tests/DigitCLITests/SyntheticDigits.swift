import IDX
import Testing

/// A small generator of test randomness (SplitMix64): the same seed gives the same values.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

/// Easily told apart, digit-like 28×28 images (0: a ring, 1: a bar, 7: a bar and a diagonal),
/// shifted by a few pixels and noisy, written as a data set in the MNIST layout with `IDXWriter`.
enum SyntheticDigits {
    /// The digits drawn.
    static let classes: [UInt8] = [0, 1, 7]

    /// One image of `digit`: `[28 × 28]` pixels, 0 background, ink about 200–255.
    static func image(of digit: UInt8, random: inout SplitMix64) -> [UInt8] {
        let dx = random.int(in: -3...3), dy = random.int(in: -3...3)
        let ink = random.int(in: 190...240)
        var pixels = [UInt8](repeating: 0, count: 784)
        for y in 0..<28 {
            for x in 0..<28 {
                let u = Double(x - 14 - dx), v = Double(y - 14 - dy)
                let on: Bool
                switch digit {
                case 0:
                    let r = (u * u) / 36 + (v * v) / 64
                    on = r > 0.55 && r < 1.25
                case 1:
                    on = abs(u) <= 1.5 && abs(v) <= 9
                default:  // 7: a top bar and a diagonal down to the left
                    let bar = v >= -8 && v <= -6 && abs(u) <= 6
                    let diagonal = v > -6 && v <= 9 && abs(u - (6 - (v + 6) * 0.6)) <= 1.5
                    on = bar || diagonal
                }
                let noise = random.int(in: 0...40)
                pixels[y * 28 + x] = UInt8(min(255, (on ? ink : 0) + noise))
            }
        }
        return pixels
    }

    /// Writes `count` images and labels of `split` into `directory`, gzip-compressed or not;
    /// returns the labels.
    @discardableResult
    static func write(
        _ split: MNISTSplit, count: Int, to directory: String, compressed: Bool, seed: UInt64
    ) throws -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var labels: [UInt8] = []
        var pixels: [UInt8] = []
        pixels.reserveCapacity(count * 784)
        for _ in 0..<count {
            let digit = classes[random.int(in: 0...(classes.count - 1))]
            labels.append(digit)
            pixels += image(of: digit, random: &random)
        }
        let suffix = compressed ? ".gz" : ""
        try IDXWriter.write(
            try IDXArray(shape: [count, 28, 28], values: .uint8(pixels)),
            to: directory + "/" + split.imagesFileName + suffix, compressed: compressed)
        try IDXWriter.write(
            try IDXArray(shape: [count], values: .uint8(labels)),
            to: directory + "/" + split.labelsFileName + suffix, compressed: compressed)
        return labels
    }
}

/// Data sets and a trained model shared by the tests, made once per test process.
enum Fixtures {
    /// A data set of 1,000 training images (plain IDX) and 200 test images (gzip).
    struct DataSet: Sendable {
        let directory: String
        let testLabels: [UInt8]
    }

    /// The shared data set.
    static let dataSet = Result { () throws -> DataSet in
        let directory = try Scratch.makeDirectory(prefix: "data")
        try SyntheticDigits.write(.train, count: 1_000, to: directory, compressed: false, seed: 1)
        let testLabels = try SyntheticDigits.write(.test, count: 200, to: directory, compressed: true, seed: 2)
        return DataSet(directory: directory, testLabels: testLabels)
    }

    /// A tiny data set (120 training images, no test split), for runs whose time goes into
    /// something other than training.
    static let tinyDataSet = Result { () throws -> String in
        let directory = try Scratch.makeDirectory(prefix: "tiny")
        try SyntheticDigits.write(.train, count: 120, to: directory, compressed: false, seed: 3)
        return directory
    }

    /// The arguments of the shared small model's training run (without `--model`).
    static func smallModelArguments(data: String) -> [String] {
        [
            "train", "--data", data, "--hidden", "32", "--epochs", "3", "--batch-size", "32",
            "--validation", "100",
        ]
    }

    /// A checkpoint of a 784-32-10 network trained on `dataSet`, and that run's result.
    static let smallModel = Result { () throws -> (path: String, run: DigitsRun) in
        let data = try dataSet.get().directory
        let path = try Scratch.makeDirectory(prefix: "model") + "/small.safetensors"
        let run = try DigitsProcess.run(smallModelArguments(data: data) + ["--model", path, "--json"])
        return (path, run)
    }
}
