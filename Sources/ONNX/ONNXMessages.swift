/// The parts of the ONNX model format (`onnx.proto`, IR version 10) that an exported MLP needs,
/// as plain values. Each knows its field numbers and writes itself with `ProtobufWriter`
/// (`ONNXMessages+Encoding.swift`); everything else in the ONNX schema is left out.

/// `ModelProto`: the file's top-level message.
public struct ONNXModel: Equatable, Sendable {
    /// The IR version the file follows (10 for ONNX 1.16 and later).
    public var irVersion: Int64
    /// The default-domain operator set the graph uses, e.g. 21.
    public var opsetVersion: Int64
    /// `producer_name`: the program that wrote the file, e.g. "digits".
    public var producerName: String
    /// `producer_version`: its version, e.g. "0.3.0".
    public var producerVersion: String
    /// A human-readable description of the model.
    public var docString: String
    /// The computation.
    public var graph: ONNXGraph
    /// `metadata_props`: facts about the model (written in key order).
    public var metadata: [String: String]
}

/// `GraphProto`: nodes in topological order, the constant tensors they read, inputs and outputs.
public struct ONNXGraph: Equatable, Sendable {
    /// The graph's name.
    public var name: String
    /// The operations, each after the nodes that produce its inputs.
    public var nodes: [ONNXNode]
    /// Constant tensors (weights, biases, scalars), named as the nodes read them.
    public var initializers: [ONNXTensor]
    /// The values the caller feeds.
    public var inputs: [ONNXValueInfo]
    /// The values the graph returns.
    public var outputs: [ONNXValueInfo]
}

/// `NodeProto`: one operator applied to named values.
public struct ONNXNode: Equatable, Sendable {
    /// The operator, e.g. "Gemm" (default domain).
    public var opType: String
    /// The node's name (unique in the graph).
    public var name: String
    /// Names of the values it reads, in the operator's order.
    public var inputs: [String]
    /// Names of the values it writes.
    public var outputs: [String]
    /// The operator's attributes.
    public var attributes: [ONNXAttribute] = []
}

/// `AttributeProto`: a named constant parameter of a node.
public struct ONNXAttribute: Equatable, Sendable {
    /// The attribute's value; the case sets `AttributeProto.type`.
    public enum Value: Equatable, Sendable {
        /// `f` (AttributeType FLOAT), e.g. LeakyRelu's `alpha`.
        case float(Float)
        /// `i` (INT), e.g. Gemm's `transB` or Softmax's `axis`.
        case int(Int64)
        /// `s` (STRING, as UTF-8), e.g. Gelu's `approximate`.
        case string(String)
    }

    /// The attribute's name, e.g. "transB".
    public var name: String
    /// Its value.
    public var value: Value
}

/// `TensorProto`: a named float32 tensor, row-major.
public struct ONNXTensor: Equatable, Sendable {
    /// The tensor's name.
    public var name: String
    /// Its dimensions, outermost first; `[]` for a scalar.
    public var dims: [Int]
    /// `dims.reduce(1, *)` values, row-major.
    public var values: [Float]
}

/// `ValueInfoProto` of a float32 tensor: a graph input or output with its shape.
public struct ONNXValueInfo: Equatable, Sendable {
    /// One dimension: a fixed size, or a named symbolic size such as the batch "N".
    public enum Dimension: Equatable, Sendable {
        /// `dim_value`: a size known when the graph is built, such as 784.
        case fixed(Int)
        /// `dim_param`: a size named but given at run time, such as the batch "N".
        case symbolic(String)
    }

    /// The value's name, e.g. "pixels".
    public var name: String
    /// Its dimensions, outermost first.
    public var shape: [Dimension]
    /// A description of the value (units, range).
    public var docString: String = ""
}
