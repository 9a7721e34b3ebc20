import Model
import Presentation

/// What `GET /api/model` answers: the checkpoint's facts as `digits info` prints them, plus the
/// few a page wants as numbers.
///
///     {"checkpoint": "models/mnist.safetensors", "architecture": "784-256-128-10",
///      "activation": "relu", "parameters": 235146, "epochs_done": 10,
///      "validation_accuracy": 0.985, "facts": [{"name": "layer sizes", "value": "784-256-128-10"}, …]}
///
/// `validation_accuracy` is null for a checkpoint that never measured it.
func modelFactsJSON(_ state: TrainingState, path: String) -> JSON {
    let architecture = state.best.architecture
    let accuracy = state.progress.bestValidationAccuracy
    let facts = checkpointFacts(state, path: path).dropFirst()  // the path has its own key
    return .object([
        ("checkpoint", .string(path)),
        ("architecture", .string(architecture.sizesDescription)),
        ("activation", .string(architecture.activation.rawValue)),
        ("parameters", .integer(state.best.parameters.count)),
        ("epochs_done", .integer(state.progress.epochsDone)),
        ("validation_accuracy", accuracy >= 0 ? .number(accuracy) : .null),
        ("facts", .array(facts.map { .object([("name", .string($0.name)), ("value", .string($0.value))]) })),
    ])
}
