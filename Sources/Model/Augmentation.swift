/// How training distorts its images, anew for every image in every epoch (validation and test
/// images are never distorted). The defaults are those of the PyTorch peer
/// (`../shared/peers/train_augmented.py`, after Simard et al. 2003): rotation ±12°, scale ±12%,
/// shear ±0.15, shift ±1.68 px (12% of the half-width), and an elastic displacement of at most
/// 2.5 px smoothed by a Gaussian of σ = 4 px.
///
/// Each image gets an affine map drawn uniformly from the ranges (source position =
/// `A · (p − centre) + centre + shift`, `A = [[cos θ / s, −sin θ / s + shear], [sin θ / s, cos θ / s]]`,
/// as PyTorch's `affine_grid` with the peer's θ) and, for `.elastic`, a displacement field added
/// to the source position; the image is then resampled bilinearly (zeros outside). See
/// DistortionKernels.swift for how, and DisplacementPool.swift for the field's approximation.
public struct Augmentation: Codable, Equatable, Sendable {
    /// Which distortions are applied.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// None: the images as they are.
        case none
        /// A random affine map (rotation, scale, shear, shift) per image.
        case affine
        /// The affine map plus a random elastic displacement field.
        case elastic
    }

    /// Which distortions are applied.
    public var kind: Kind = .elastic
    /// Largest rotation, degrees (uniform in ±this).
    public var rotationDegrees: Double = 12
    /// Largest relative scale change (the scale factor is uniform in 1 ± this).
    public var scale: Double = 0.12
    /// Largest horizontal shear (uniform in ±this; source x moves by shear · y).
    public var shear: Double = 0.15
    /// Largest shift in pixels, each axis (uniform in ±this).
    public var shiftPixels: Double = 1.68
    /// σ of the Gaussian that smooths the elastic field's noise, pixels.
    public var elasticSigma: Double = 4
    /// Largest elastic displacement of a pixel, each axis, pixels.
    public var elasticPixels: Double = 2.5
    /// The last this many epochs of a run train on the images as they are, as object detectors'
    /// trainers turn their strongest augmentation off for the final epochs: the network ends on
    /// the distribution it will be tested on. nil (as in checkpoints written before it existed): 0.
    public var plainFinalEpochs: Int? = nil

    /// Whether `epoch` (from 1) of a run of `epochs` distorts its images.
    public func distorts(epoch: Int, of epochs: Int) -> Bool {
        let plain = max(0, min(plainFinalEpochs ?? 0, epochs))  // any stored value, without overflow
        return kind != .none && epoch <= epochs - plain
    }

    /// The peer's distortions, of `kind`.
    public init(kind: Kind = .elastic) {
        self.kind = kind
    }

    /// No distortion at all.
    public static let none = Augmentation(kind: .none)

    /// Why these settings are unusable, or nil.
    public var problem: String? {
        if !(rotationDegrees >= 0 && rotationDegrees <= 180) {
            return "augmentation rotation must be in 0...180 degrees, found \(rotationDegrees)"
        }
        if !(scale >= 0 && scale < 1) { return "augmentation scale must be in [0, 1), found \(scale)" }
        if !(shear >= 0 && shear <= 2) { return "augmentation shear must be in 0...2, found \(shear)" }
        if !(shiftPixels >= 0 && shiftPixels <= 28) {
            return "augmentation shift must be in 0...28 pixels, found \(shiftPixels)"
        }
        if !(elasticSigma >= 0.5 && elasticSigma <= 16) {
            return "elastic sigma must be in 0.5...16 pixels, found \(elasticSigma)"
        }
        if !(elasticPixels >= 0 && elasticPixels <= 14) {
            return "elastic displacement must be in 0...14 pixels, found \(elasticPixels)"
        }
        if let n = plainFinalEpochs, n < 0 {
            return "plain final epochs must be 0 or more, found \(n)"
        }
        return nil
    }

    /// One line for people: `elastic (rotation ±12°, scale ±12%, shear ±0.15, shift ±1.68 px,
    /// elastic ≤2.5 px σ 4 px)` or `none`.
    public var summary: String {
        func number(_ x: Double) -> String {
            let rounded = (x * 100).rounded() / 100
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        if kind == .none { return "none" }
        var parts = [
            "rotation ±\(number(rotationDegrees))°", "scale ±\(number(scale * 100))%",
            "shear ±\(number(shear))", "shift ±\(number(shiftPixels)) px",
        ]
        if kind == .elastic { parts.append("elastic ≤\(number(elasticPixels)) px σ \(number(elasticSigma)) px") }
        if let n = plainFinalEpochs, n > 0 { parts.append("undistorted for the last \(n) epoch\(n == 1 ? "" : "s")") }
        return "\(kind.rawValue) (\(parts.joined(separator: ", ")))"
    }
}

extension Augmentation {
    /// The images `images` `[count, side · side]` as training distorts them in `epoch` (from 1)
    /// of a run seeded with `seed`: example i gets the distortion of example index
    /// `firstIndex + i`. One thread; for pictures of the distortions and for benchmarks.
    /// Returns `[count, side · side]` bytes, or nil if the images are not square (side ≤ 64).
    public func distort(
        _ images: [UInt8], count: Int, seed: UInt64, epoch: Int, firstIndex: Int = 0
    ) -> [UInt8]? {
        guard count > 0, images.count % count == 0, let side = Trainer.imageSide(images.count / count) else {
            return nil
        }
        let width = side * side
        let pool = kind == .elastic ? DisplacementPool(side: side, sigma: elasticSigma, seed: seed, epoch: epoch) : nil
        var result = [UInt8](repeating: 0, count: images.count)
        var padded = [Float](repeating: 0, count: paddedImageSize(side: side))
        let fieldStorage = pool?.fields ?? []
        images.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                fieldStorage.withUnsafeBufferPointer { fields in
                    padded.withUnsafeMutableBufferPointer { padded in
                        for i in 0..<count {
                            let distortion = Distortion(
                                augmentation: self, pool: pool, seed: seed, epoch: epoch, index: firstIndex + i)
                            distort_forward(
                                source.baseAddress! + i * width, target.baseAddress! + i * width, side: side,
                                distortion: distortion, fields: pool == nil ? nil : fields.baseAddress,
                                fieldStride: pool?.stride ?? 0, padded: padded.baseAddress!)
                        }
                    }
                }
            }
        }
        return result
    }
}
