import Foundation
import Testing
@testable import IDX

/// Images whose pixel values encode their position, so mix-ups show: `[count, 28, 28]`.
private func testImages(count: Int, rows: Int = 28) -> [UInt8] {
    (0..<count * rows * 28).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 784) }
}

/// Writes the images and labels files of `split` into `directory` (with `.gz` names when
/// `compressed`) and returns their paths.
@discardableResult
private func writeSplit(
    _ split: MNISTSplit, in directory: TemporaryDirectory, compressed: Bool = false,
    images: IDXArray? = nil, labels: IDXArray? = nil
) throws -> (images: String, labels: String) {
    let suffix = compressed ? ".gz" : ""
    let imagesPath = directory.file(split.imagesFileName + suffix)
    let labelsPath = directory.file(split.labelsFileName + suffix)
    let defaultImages = try IDXArray(shape: [5, 28, 28], values: .uint8(testImages(count: 5)))
    let defaultLabels = try IDXArray(shape: [5], values: .uint8([5, 0, 4, 1, 9]))
    try IDXWriter.write(images ?? defaultImages, to: imagesPath, compressed: compressed)
    try IDXWriter.write(labels ?? defaultLabels, to: labelsPath, compressed: compressed)
    return (imagesPath, labelsPath)
}

@Test func loadsBothSplitsPlainAndGzip() throws {
    let directory = try TemporaryDirectory()
    try writeSplit(.train, in: directory, compressed: true)
    try writeSplit(
        .test, in: directory, compressed: false,
        images: IDXArray(shape: [2, 28, 28], values: .uint8(testImages(count: 2))),
        labels: IDXArray(shape: [2], values: .uint8([7, 2])))

    let train = try MNISTDataset(directory: directory.path, split: .train)
    #expect(train.count == 5)
    #expect(train.images == testImages(count: 5))
    #expect(train.labels == [5, 0, 4, 1, 9])
    #expect(train.image(at: 3) == testImages(count: 5)[3 * 784..<4 * 784])

    let test = try MNISTDataset(directory: directory.path + "/", split: .test)
    #expect(test.count == 2)
    #expect(test.images.count == 2 * MNISTDataset.pixelsPerImage)
    #expect(test.labels == [7, 2])
}

@Test func gzipContentUnderAPlainNameIsDetected() throws {
    let directory = try TemporaryDirectory()
    let paths = try writeSplit(.train, in: directory, compressed: true)
    let plainName = directory.file(MNISTSplit.train.imagesFileName)
    try FileManager.default.moveItem(atPath: paths.images, toPath: plainName)
    #expect(try MNISTDataset(directory: directory.path, split: .train).count == 5)
}

@Test func plainNameIsPreferredOverGz() throws {
    let directory = try TemporaryDirectory()
    try writeSplit(.test, in: directory, compressed: true)
    try writeSplit(
        .test, in: directory, compressed: false,
        images: IDXArray(shape: [1, 28, 28], values: .uint8(testImages(count: 1))),
        labels: IDXArray(shape: [1], values: .uint8([3])))
    let paths = try MNISTDataset.filePaths(directory: directory.path, split: .test)
    #expect(paths.images == directory.file("t10k-images-idx3-ubyte"))
    #expect(try MNISTDataset(directory: directory.path, split: .test).labels == [3])
}

@Test func missingSplitNamesTheFilesAndTheDirectory() throws {
    let directory = try TemporaryDirectory()
    let error = loadError(directory.path, .train)
    #expect(
        error
            == .missingFiles(
                directory: directory.path, split: .train,
                missing: ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"]))
    let message = error?.description ?? ""
    #expect(message.contains(directory.path))
    #expect(message.contains("train-images-idx3-ubyte[.gz]"))
    #expect(message.contains("train-labels-idx1-ubyte[.gz]"))

    // Only the labels missing: only they are named.
    let paths = try writeSplit(.test, in: directory)
    try FileManager.default.removeItem(atPath: paths.labels)
    #expect(
        loadError(directory.path, .test)
            == .missingFiles(
                directory: directory.path, split: .test, missing: ["t10k-labels-idx1-ubyte"]))
}

@Test func missingDirectory() {
    let path = "/nonexistent-idx-tests/mnist"
    let error = loadError(path, .test)
    #expect(
        error
            == .missingFiles(
                directory: path, split: .test,
                missing: ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]))
    #expect(error?.description.contains(path) == true)
}

@Test func countsMustAgree() throws {
    let directory = try TemporaryDirectory()
    let paths = try writeSplit(
        .train, in: directory, compressed: true,
        labels: IDXArray(shape: [4], values: .uint8([1, 2, 3, 4])))
    let error = loadError(directory.path, .train)
    #expect(
        error
            == .countMismatch(
                imagesPath: paths.images, images: 5,
                labelsPath: paths.labels, labels: 4))
    #expect(error?.description.contains(paths.images) == true)
    #expect(error?.description.contains(paths.labels) == true)
}

@Test func labelsMustBeDigits() throws {
    let directory = try TemporaryDirectory()
    let paths = try writeSplit(
        .train, in: directory,
        labels: IDXArray(shape: [5], values: .uint8([1, 10, 3, 4, 255])))
    let error = loadError(directory.path, .train)
    #expect(error == .labelOutOfRange(path: paths.labels, index: 1, value: 10))
    #expect(error?.description.contains(paths.labels) == true)
}

@Test func imagesMustBe28By28() throws {
    let directory = try TemporaryDirectory()
    let narrow = try IDXArray(shape: [5, 27, 28], values: .uint8(testImages(count: 5, rows: 27)))
    let paths = try writeSplit(.train, in: directory, images: narrow)
    let error = loadError(directory.path, .train)
    #expect(
        error
            == .unexpectedLayout(
                path: paths.images,
                expected: "u8 images of shape [count, 28, 28]",
                found: "u8 of shape [5, 27, 28]"))
    #expect(error?.description.contains(paths.images) == true)
}

@Test func imagesMustBeUInt8OfRank3() throws {
    let directory = try TemporaryDirectory()
    let signed = try IDXArray(shape: [1, 28, 28], values: .int8(Array(repeating: 1, count: 784)))
    let paths = try writeSplit(
        .test, in: directory, images: signed,
        labels: IDXArray(shape: [1], values: .uint8([0])))
    guard case .unexpectedLayout(paths.images, _, let found) = loadError(directory.path, .test) else {
        Issue.record("expected an unexpected-layout error for i8 images")
        return
    }
    #expect(found == "i8 of shape [1, 28, 28]")

    let flat = try IDXArray(shape: [784], values: .uint8(Array(repeating: 1, count: 784)))
    try writeSplit(
        .test, in: directory, images: flat,
        labels: IDXArray(shape: [1], values: .uint8([0])))
    guard case .unexpectedLayout(paths.images, _, _) = loadError(directory.path, .test) else {
        Issue.record("expected an unexpected-layout error for rank-1 images")
        return
    }
}

@Test func labelsMustBeUInt8OfRank1() throws {
    let directory = try TemporaryDirectory()
    let wide = try IDXArray(shape: [5], values: .int16([1, 2, 3, 4, 5]))
    let paths = try writeSplit(.train, in: directory, labels: wide)
    #expect(
        loadError(directory.path, .train)
            == .unexpectedLayout(
                path: paths.labels, expected: "u8 labels of shape [count]", found: "i16 of shape [5]"))

    let matrix = try IDXArray(shape: [5, 1], values: .uint8([1, 2, 3, 4, 5]))
    try writeSplit(.train, in: directory, labels: matrix)
    #expect(
        loadError(directory.path, .train)
            == .unexpectedLayout(
                path: paths.labels, expected: "u8 labels of shape [count]", found: "u8 of shape [5, 1]"))
}

@Test func brokenFileInASplitIsReportedByName() throws {
    let directory = try TemporaryDirectory()
    let paths = try writeSplit(.train, in: directory)
    try directory.write([0, 0, 8, 1, 0, 0, 0, 9, 1], to: MNISTSplit.train.labelsFileName)
    #expect(
        loadError(directory.path, .train)
            == .sizeMismatch(
                path: paths.labels, expectedPayload: 9, foundPayload: 1))
}

@Test func emptySplitIsAllowed() throws {
    let directory = try TemporaryDirectory()
    try writeSplit(
        .test, in: directory,
        images: IDXArray(shape: [0, 28, 28], values: .uint8([])),
        labels: IDXArray(shape: [0], values: .uint8([])))
    #expect(try MNISTDataset(directory: directory.path, split: .test).count == 0)
}

@Test func splitFileNames() {
    #expect(MNISTSplit.train.imagesFileName == "train-images-idx3-ubyte")
    #expect(MNISTSplit.train.labelsFileName == "train-labels-idx1-ubyte")
    #expect(MNISTSplit.test.imagesFileName == "t10k-images-idx3-ubyte")
    #expect(MNISTSplit.test.labelsFileName == "t10k-labels-idx1-ubyte")
}
