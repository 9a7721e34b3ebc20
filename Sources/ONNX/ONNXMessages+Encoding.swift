/// The protobuf encoding of the ONNX messages, with the field numbers of `onnx.proto`.

extension ONNXModel {
    /// The model as the bytes of a `.onnx` file (a serialised `ModelProto`).
    public func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        writer.int64(1, irVersion)  // ir_version
        writer.string(2, producerName)  // producer_name
        writer.string(3, producerVersion)  // producer_version
        if !docString.isEmpty { writer.string(6, docString) }  // doc_string
        writer.message(7) { graph.encode(into: &$0) }  // graph
        writer.message(8) { opset in  // opset_import: OperatorSetIdProto
            opset.string(1, "")  // domain: "" is the default ai.onnx domain
            opset.int64(2, opsetVersion)  // version
        }
        for key in metadata.keys.sorted() {  // metadata_props: StringStringEntryProto
            writer.message(14) { pair in
                pair.string(1, key)
                pair.string(2, metadata[key] ?? "")
            }
        }
        return writer.bytes
    }
}

extension ONNXGraph {
    /// Writes the `GraphProto` fields.
    func encode(into writer: inout ProtobufWriter) {
        for node in nodes { writer.message(1) { node.encode(into: &$0) } }  // node
        writer.string(2, name)  // name
        for tensor in initializers { writer.message(5) { tensor.encode(into: &$0) } }  // initializer
        for input in inputs { writer.message(11) { input.encode(into: &$0) } }  // input
        for output in outputs { writer.message(12) { output.encode(into: &$0) } }  // output
    }
}

extension ONNXNode {
    /// Writes the `NodeProto` fields.
    func encode(into writer: inout ProtobufWriter) {
        for input in inputs { writer.string(1, input) }  // input
        for output in outputs { writer.string(2, output) }  // output
        writer.string(3, name)  // name
        writer.string(4, opType)  // op_type
        for attribute in attributes { writer.message(5) { attribute.encode(into: &$0) } }  // attribute
    }
}

extension ONNXAttribute {
    /// Writes the `AttributeProto` fields: the name, the value's field, and `type` (20), whose
    /// AttributeType numbers are FLOAT 1, INT 2, STRING 3.
    func encode(into writer: inout ProtobufWriter) {
        writer.string(1, name)  // name
        switch value {
        case .float(let f):
            writer.float(2, f)  // f
            writer.int64(20, 1)
        case .int(let i):
            writer.int64(3, i)  // i
            writer.int64(20, 2)
        case .string(let s):
            writer.string(4, s)  // s
            writer.int64(20, 3)
        }
    }
}

extension ONNXTensor {
    /// `TensorProto.DataType.FLOAT`.
    static let floatType: Int64 = 1

    /// Writes the `TensorProto` fields, the values as `raw_data` (little-endian float32).
    func encode(into writer: inout ProtobufWriter) {
        for dim in dims { writer.int64(1, Int64(dim)) }  // dims (unpacked, as onnx writes them)
        writer.int64(2, ONNXTensor.floatType)  // data_type
        writer.string(8, name)  // name
        var raw: [UInt8] = []
        raw.reserveCapacity(values.count * 4)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { raw.append(contentsOf: $0) }
        }
        writer.bytes(9, raw)  // raw_data
    }
}

extension ONNXValueInfo {
    /// Writes the `ValueInfoProto` fields: `type` is a `TypeProto` whose `tensor_type` (1) holds
    /// `elem_type` FLOAT and a `TensorShapeProto` of `Dimension`s (`dim_value` 1, `dim_param` 2).
    func encode(into writer: inout ProtobufWriter) {
        writer.string(1, name)  // name
        writer.message(2) { type in  // type: TypeProto
            type.message(1) { tensor in  // tensor_type: TypeProto.Tensor
                tensor.int64(1, ONNXTensor.floatType)  // elem_type
                tensor.message(2) { shapeProto in  // shape: TensorShapeProto
                    for dimension in shape {
                        shapeProto.message(1) { dim in  // dim
                            switch dimension {
                            case .fixed(let size): dim.int64(1, Int64(size))  // dim_value
                            case .symbolic(let name): dim.string(2, name)  // dim_param
                            }
                        }
                    }
                }
            }
        }
        if !docString.isEmpty { writer.string(3, docString) }  // doc_string
    }
}
