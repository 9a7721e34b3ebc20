// Load MNIST with IDX, train an MLP with Model, save and load its checkpoint, and read a PNG of
// a digit with Imaging. Run it with `swift run GettingStarted [MNIST_DIR] [PNG]`.

// snippet.hide
import IDX
import Imaging
import Model

let arguments = CommandLine.arguments
let directory = arguments.count > 1 ? arguments[1] : "data/mnist"
let png = arguments.count > 2 ? arguments[2] : "my-digit.png"
let checkpointPath = "getting-started.safetensors"
// snippet.show

// The training split: images [60000, 784] and labels [60000], bytes 0…255 and 0…9.
let training = try MNISTDataset(directory: directory, split: .train)

// A 784-64-10 ReLU network, trained for one epoch (the last 5,000 images pick the best epoch).
var settings = TrainingSettings()
settings.epochs = 1
var trainer = try Trainer(
    architecture: Architecture(hiddenSizes: [64], activation: .relu), settings: settings,
    examples: Examples(images: training.images, labels: training.labels))
_ = try trainer.run(epochEnd: { epoch in
    print("epoch \(epoch.epoch): loss \(epoch.loss), validation \(epoch.validationAccuracy ?? 0)")
})

// Save the run as a safetensors checkpoint, and load the best network back.
try Checkpoint.save(trainer.state, to: checkpointPath)
let network = try Checkpoint.load(from: checkpointPath).state.best

// Turn a PNG into an MNIST-style 28×28 image (ink found, cropped, scaled to 20×20, centred by
// its centre of mass) and classify it; a picture with no ink is an answer too, not an error.
let input = try DigitPreprocessor.prepare(pngFile: png, raw: false)
if let reason = input.reason {
    print("\(png): no digit (\(reason.explanation))")
} else {
    let answer = try network.classify(input.pixels)[0]
    print("\(png): \(answer.label) (probability \(answer.probabilities[answer.label]))")
}
