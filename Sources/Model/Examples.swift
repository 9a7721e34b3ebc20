/// Labelled examples as training and evaluation take them: raw pixels and class labels.
///
/// Model knows no files; the caller fills this from wherever the images come from (IDX files
/// for MNIST). `images` is `[count, width]` row-major bytes, `labels` `[count]`.
public struct Examples: Equatable, Sendable {
    /// `[count, width]` pixel values 0...255.
    public var images: [UInt8]
    /// `[count]` class labels.
    public var labels: [UInt8]
    /// Number of examples.
    public var count: Int { labels.count }
    /// Pixels per example.
    public var width: Int { labels.isEmpty ? 0 : images.count / labels.count }

    /// Examples from `images` `[labels.count, width]` and `labels`; the image count must be a
    /// whole multiple of the label count (checked by training as `TrainingError.badExamples`).
    public init(images: [UInt8], labels: [UInt8]) {
        self.images = images
        self.labels = labels
    }

    /// Examples `range` of these, e.g. the last 5,000 for validation.
    public func slice(_ range: Range<Int>) -> Examples {
        Examples(
            images: Array(images[(range.lowerBound * width)..<(range.upperBound * width)]),
            labels: Array(labels[range]))
    }
}
