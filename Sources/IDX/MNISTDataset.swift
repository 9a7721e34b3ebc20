#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The examples of one split of an MNIST-layout data set: 28×28 greyscale images and their
/// digit labels 0...9.
///
/// Works for any data set in MNIST's file layout (MNIST, Fashion-MNIST, ...): the number of
/// examples is read from the files, never assumed.
///
///     let train = try MNISTDataset(directory: "data/mnist", split: .train)
///     train.count           // 60000
///     train.image(at: 0)    // 784 pixels, row by row
///     train.labels[0]       // 5
public struct MNISTDataset: Equatable, Sendable {
    /// Image height and width in pixels.
    public static let imageHeight = 28
    public static let imageWidth = 28
    /// Pixels per image: 28 × 28 = 784.
    public static let pixelsPerImage = imageHeight * imageWidth
    /// The number of classes: labels are 0 ..< 10.
    public static let classCount = 10

    /// The pixels, `[count, 28, 28]` row-major in one contiguous array of `count × 784` bytes;
    /// 0 is background, 255 full ink.
    public let images: [UInt8]
    /// The labels, `[count]`, each in 0...9.
    public let labels: [UInt8]

    /// The number of examples.
    public var count: Int { labels.count }

    /// The 784 pixels of example `index` (0 ..< count), row by row.
    public func image(at index: Int) -> ArraySlice<UInt8> {
        images[index * Self.pixelsPerImage..<(index + 1) * Self.pixelsPerImage]
    }

    /// Loads `split` from the IDX files in `directory` (see `MNISTSplit` for their names; each
    /// may be plain or gzip, with or without `.gz`).
    ///
    /// - Throws: `IDXError.missingFiles` naming the directory and the files looked for, any
    ///   error of `IDXReader.read(path:)`, `.unexpectedLayout` unless the images are u8
    ///   `[count, 28, 28]` and the labels u8 `[count]`, `.countMismatch`, `.labelOutOfRange`.
    public init(directory: String, split: MNISTSplit) throws(IDXError) {
        let paths = try Self.filePaths(directory: directory, split: split)
        let images = try IDXReader.read(path: paths.images)
        let labels = try IDXReader.read(path: paths.labels)
        try self.init(
            images: images, labels: labels, imagesPath: paths.images,
            labelsPath: paths.labels)
    }

    /// Makes a data set from an images array and a labels array, checking them as files of an
    /// MNIST-layout data set; the paths are only used in messages.
    ///
    /// - Throws: `.unexpectedLayout`, `.countMismatch` or `.labelOutOfRange`.
    public init(images: IDXArray, labels: IDXArray, imagesPath: String, labelsPath: String)
        throws(IDXError)
    {
        let imageShape = [images.shape.first ?? 0, Self.imageHeight, Self.imageWidth]
        guard case .uint8(let pixels) = images.values, images.shape == imageShape else {
            throw .unexpectedLayout(
                path: imagesPath, expected: "u8 images of shape [count, 28, 28]",
                found: "\(images.dataType.name) of shape \(images.shape)")
        }
        guard case .uint8(let digits) = labels.values, labels.rank == 1 else {
            throw .unexpectedLayout(
                path: labelsPath, expected: "u8 labels of shape [count]",
                found: "\(labels.dataType.name) of shape \(labels.shape)")
        }
        guard images.shape[0] == digits.count else {
            throw .countMismatch(
                imagesPath: imagesPath, images: images.shape[0],
                labelsPath: labelsPath, labels: digits.count)
        }
        if let index = digits.firstIndex(where: { Int($0) >= Self.classCount }) {
            throw .labelOutOfRange(path: labelsPath, index: index, value: digits[index])
        }
        self.images = pixels
        self.labels = digits
    }

    /// The paths of `split`'s images and labels files in `directory`: each base name as is if
    /// that file exists, else with `.gz` if that exists.
    ///
    /// - Throws: `IDXError.missingFiles` listing the base names found in neither form.
    public static func filePaths(directory: String, split: MNISTSplit) throws(IDXError)
        -> (images: String, labels: String)
    {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        func find(_ name: String) -> String? {
            [prefix + name, prefix + name + ".gz"].first { access($0, F_OK) == 0 }
        }
        let images = find(split.imagesFileName)
        let labels = find(split.labelsFileName)
        guard let images, let labels else {
            let missing = [(images, split.imagesFileName), (labels, split.labelsFileName)]
                .filter { $0.0 == nil }.map { $0.1 }
            throw .missingFiles(directory: directory, split: split, missing: missing)
        }
        return (images, labels)
    }
}
