/// A set of named `Float` tensors plus string metadata, in the safetensors file format.
///
/// The format (huggingface safetensors), all integers little-endian:
///
///     ┌──────────────┬───────────────────────────────────┬──────────────────────────────┐
///     │ N: UInt64    │ N bytes of UTF-8 JSON, padded with │ data section: the tensors'   │
///     │ (8 bytes)    │ spaces to a multiple of 8          │ raw values, back to back     │
///     └──────────────┴───────────────────────────────────┴──────────────────────────────┘
///
/// The JSON header maps each tensor name to
/// `{"dtype":"F32","shape":[out,in],"data_offsets":[begin,end]}` (byte offsets into the data
/// section) and may hold a `"__metadata__"` object of string → string. This type stores only
/// `F32` tensors; other dtypes are recognised on reading and refused with a clear message.
///
///     let file = SafeTensors(tensors: [
///         .init(name: "layers.0.weight", tensor: .init(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])),
///         .init(name: "layers.0.bias", tensor: .init(shape: [2], values: [0.5, -0.5])),
///     ], metadata: ["architecture": "{\"activation\":\"relu\"}"])
///     try file.write(to: "models/mnist.safetensors")
///     let back = try SafeTensors(contentsOf: "models/mnist.safetensors")
///     back["layers.0.bias"]?.values  // [0.5, -0.5]
///
/// The encoding lives in `SafeTensors+Encoding.swift`, the checked decoding in
/// `SafeTensors+Decoding.swift`, the small JSON reader and writer they share in
/// `SafeTensors+JSON.swift`, and every refusal in `SafeTensorsError.swift`.
public struct SafeTensors: Equatable, Sendable {
    /// An n-dimensional array of `Float`, stored row-major (the last index varies fastest).
    ///
    /// A tensor is valid when every dimension is ≥ 0 and their product equals `values.count`;
    /// the shape `[]` is a scalar holding one value. `init` checks nothing (it cannot fail);
    /// `SafeTensors.write(to:)` refuses an invalid tensor and `SafeTensors(decoding:path:)` never
    /// produces one.
    public struct Tensor: Equatable, Sendable {
        /// The size of each dimension, outermost first: a weight matrix is `[out, in]`.
        public var shape: [Int]
        /// The elements in row-major order; `shape.reduce(1, *)` of them.
        public var values: [Float]

        /// A tensor of the given shape and row-major values, taken as they are.
        public init(shape: [Int], values: [Float]) {
            self.shape = shape
            self.values = values
        }
    }

    /// A tensor with its name in the file, such as `layers.0.weight`.
    public struct NamedTensor: Equatable, Sendable {
        /// The tensor's key in the JSON header; any string except `__metadata__`.
        public var name: String
        /// The tensor itself.
        public var tensor: Tensor

        /// Pairs a name with a tensor.
        public init(name: String, tensor: Tensor) {
            self.name = name
            self.tensor = tensor
        }
    }

    /// The tensors, in the order their data is laid out in the file.
    public var tensors: [NamedTensor]
    /// Free-form string pairs stored under `"__metadata__"` (for example the architecture as JSON).
    public var metadata: [String: String]

    /// A set of tensors, laid out in the file in the order given, and metadata.
    public init(tensors: [NamedTensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The first tensor called `name`, or `nil` if there is none.
    public subscript(name: String) -> Tensor? {
        tensors.first { $0.name == name }?.tensor
    }

    /// The header key reserved for the metadata object.
    static let metadataKey = "__metadata__"

    /// The size in bytes of one stored element (`F32`).
    static let bytesPerElement = 4

    /// The number of elements in a tensor of `shape` (1 for the scalar shape `[]`), or `nil` if a
    /// dimension is negative or the product overflows `Int`.
    static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }
}

/// The element types of the safetensors format. Only `F32` is stored by `digits`; the others
/// are named so that a file holding them is refused with a message that says which type it holds.
enum SafeTensorsDType: String, CaseIterable, Sendable {
    case bool = "BOOL"
    case u8 = "U8", i8 = "I8", u16 = "U16", i16 = "I16", u32 = "U32", i32 = "I32"
    case u64 = "U64", i64 = "I64"
    case f16 = "F16", bf16 = "BF16", f32 = "F32", f64 = "F64"
    case f8e4m3 = "F8_E4M3", f8e5m2 = "F8_E5M2", f8e8m0 = "F8_E8M0", f4 = "F4", f6e2m3 = "F6_E2M3"
    case f6e3m2 = "F6_E3M2", c64 = "C64"
}
