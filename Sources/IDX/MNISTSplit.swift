/// One of the two parts of an MNIST-layout data set, and the names of its files.
///
/// The files are the four of the original distribution, each accepted plain or with `.gz`:
/// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte` (`.train`) and
/// `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte` (`.test`). Fashion-MNIST and other
/// drop-in replacements use the same names.
public enum MNISTSplit: String, CaseIterable, Sendable {
    /// The training examples (60,000 in MNIST), files `train-*`.
    case train
    /// The test examples (10,000 in MNIST), files `t10k-*`.
    case test

    /// The prefix of the split's file names: `train` or `t10k`.
    public var filePrefix: String {
        switch self {
        case .train: return "train"
        case .test: return "t10k"
        }
    }

    /// The base name of the images file, e.g. `train-images-idx3-ubyte` (also read with `.gz`).
    public var imagesFileName: String { "\(filePrefix)-images-idx3-ubyte" }

    /// The base name of the labels file, e.g. `train-labels-idx1-ubyte` (also read with `.gz`).
    public var labelsFileName: String { "\(filePrefix)-labels-idx1-ubyte" }
}
