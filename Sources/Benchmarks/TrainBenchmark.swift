import Foundation
import IDX
import Model
#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

// digits-bench train: training speed (default) or quality (--quality) on real MNIST.
//
//   digits-bench train --arch 800 --batch 128 --epochs 3 [--threads 2] [--lr 0.05]
//       one warm-up epoch, then --epochs timed epochs on all 60,000 images (no validation,
//       constant learning rate, SGD momentum 0.9); prints the median epoch time, samples/s,
//       the time the same epoch's matrix products take alone on dense 784-column inputs (a
//       GEMM-only replay, as the PyTorch peer's ../shared/peers/train_speed.py --gemm-floor, a
//       script beside the checkout, not in this repository; training itself skips blank pixel
//       columns, so it can beat this "floor"), CPU seconds, and peak RSS.
//       --threads N, --skip-blank false (dense first layer), --replay no (skip the replay).
//   digits-bench train --quality [--preset fast|accurate] [--seed 0] [--epochs N] [--batch N] [--lr X]
//                      [--arch 256-128] [--augment none|affine|elastic] [--nesterov true] [--warmup X]
//                      [--weight-decay X] [--rotation DEG] [--scale X] [--shear X] [--shift PX] [--elastic PX]
//                      [--plain-final N] [--validation N]
//       a preset's recipe (default: fast, the default of `digits train`) on the first 55,000
//       images (last 5,000 for validation), then the official 10,000 test images: test
//       accuracy, ECE after temperature scaling, and total training time.
//   Speed runs train on undistorted images unless --augment says otherwise.
// Every result is one line of JSON.

/// Runs the training benchmark; see the comment at the top of this file for the arguments.
func runTrainBenchmark(_ arguments: [String]) throws {
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var i = 0
    while i < arguments.count {
        let name = arguments[i]
        if name == "--quality" { flags.insert(name); i += 1; continue }
        guard name.hasPrefix("--"), i + 1 < arguments.count else {
            throw BenchmarkError("unexpected argument \(name)")
        }
        options[name] = arguments[i + 1]
        i += 2
    }
    func value<T: LosslessStringConvertible>(_ name: String, _ fallback: T) throws -> T {
        guard let text = options[name] else { return fallback }
        guard let parsed = T(text) else { throw BenchmarkError("bad value \(text) for \(name)") }
        return parsed
    }
    let quality = flags.contains("--quality")
    var architecture = Architecture()
    var preset = Preset.fast
    if let name = options["--preset"] {
        guard let parsed = Preset(rawValue: name) else { throw BenchmarkError("bad --preset \(name)") }
        preset = parsed
        architecture.hiddenSizes = preset.hiddenSizes
    }
    if let arch = options["--arch"] {
        architecture.hiddenSizes = arch == "none" ? [] : arch.split(separator: "-").compactMap { Int($0) }
    } else if !quality {
        architecture.hiddenSizes = [800]
    }
    if let activation = options["--activation"] {
        guard let parsed = Activation(rawValue: activation) else { throw BenchmarkError("bad activation") }
        architecture.activation = parsed
    }
    // Quality runs start from the default recipe (Preset.fast), speed runs from plain SGD.
    var settings = quality ? preset.settings : TrainingSettings()
    settings.batchSize = try value("--batch", quality ? settings.batchSize : 128)
    settings.learningRate = try value("--lr", settings.learningRate)
    settings.threads = try value("--threads", settings.threads)
    settings.seed = try value("--seed", settings.seed)
    settings.skipBlankInputs = try value("--skip-blank", settings.skipBlankInputs)
    // Speed runs train on undistorted images unless --augment says otherwise; quality runs use
    // the default recipe's distortions.
    if let kind = options["--augment"] {
        guard let parsed = Augmentation.Kind(rawValue: kind) else { throw BenchmarkError("bad --augment \(kind)") }
        settings.augmentation = Augmentation(kind: parsed)
    } else if !quality {
        settings.augmentation = Augmentation.none
    }
    if var a = settings.augmentation, a.kind != .none {
        a.rotationDegrees = try value("--rotation", a.rotationDegrees)
        a.scale = try value("--scale", a.scale)
        a.shear = try value("--shear", a.shear)
        a.shiftPixels = try value("--shift", a.shiftPixels)
        a.elasticPixels = try value("--elastic", a.elasticPixels)
        if let n = options["--plain-final"] {
            guard let parsed = Int(n) else { throw BenchmarkError("bad --plain-final \(n)") }
            a.plainFinalEpochs = parsed
        }
        settings.augmentation = a
    }
    settings.momentum = try value("--momentum", settings.momentum)
    settings.nesterov = try value("--nesterov", settings.nesterov)
    settings.warmupEpochs = try value("--warmup", settings.warmupEpochs)
    settings.weightDecay = try value("--weight-decay", settings.weightDecay)
    settings.validationCount = try value("--validation", settings.validationCount)
    let data = try loadMNISTForBenchmark()
    print("{\"blas\": \"\(BLAS.description)\"}")

    if quality {
        settings.epochs = try value("--epochs", settings.epochs)
        var trainer = try Trainer(architecture: architecture, settings: settings, examples: data.train)
        _ = try trainer.run(epochEnd: { s in
            print(
                String(
                    format:
                        "{\"epoch\": %d, \"loss\": %.4f, \"train_acc\": %.4f, \"val_acc\": %.4f, \"seconds\": %.3f}",
                    s.epoch, s.loss, s.trainAccuracy, s.validationAccuracy ?? -1, s.seconds))
        })
        let state = trainer.state
        let total = state.history.map(\.seconds).reduce(0, +)
        let test = state.best.accuracy(on: data.test)
        let latestTest = state.latest.accuracy(on: data.test)
        let ece = ReliabilityBins(probabilities: try state.best.predict(data.test.images), labels: data.test.labels)
            .expectedCalibrationError
        print(
            String(
                format:
                    "{\"workload\": \"quality %@ batch %d lr %g epochs %d seed %d augment %@\", \"test_accuracy\": %.4f, \"latest_test_accuracy\": %.4f, \"best_epoch\": %d, \"temperature\": %.4f, \"test_ece\": %.4f, \"train_seconds\": %.3f, \"weights_hash\": \"%016llx\"}",
                architecture.sizesDescription, settings.batchSize, settings.learningRate,
                settings.epochs, Int(settings.seed), settings.augmentation?.kind.rawValue ?? "none", test, latestTest,
                state.progress.bestEpoch, Double(state.best.temperature), ece, total,
                fingerprint(state.latest.parameters)))
        return
    }

    let timed = try value("--epochs", 3)
    settings.epochs = timed + 1
    settings.schedule = .constant
    settings.validationCount = 0
    var trainer = try Trainer(architecture: architecture, settings: settings, examples: data.train)
    var cpuStart = 0.0
    _ = try trainer.run(epochEnd: { s in if s.epoch == 1 { cpuStart = processCPUSeconds() } })
    let cpuPerEpoch = (processCPUSeconds() - cpuStart) / Double(timed)
    let times = trainer.state.history.dropFirst().map(\.seconds).sorted()
    let median = times[times.count / 2]
    let replayCPUStart = processCPUSeconds()
    let gemm =
        options["--replay"] == "no"
        ? 0 : gemmReplaySeconds(sizes: architecture.layerSizes, batch: settings.batchSize, count: data.train.count)
    let gemmCPU = (processCPUSeconds() - replayCPUStart) / 3.1  // 3 timed replays + warm-up
    print(
        String(
            format:
                "{\"workload\": \"%@ batch %d threads %d skip-blank %@ augment %@\", \"first_epoch_s\": %.3f, \"epoch_s_median\": %.3f, \"epoch_s_min\": %.3f, \"epoch_s_all\": [%@], \"cpu_s_per_epoch\": %.3f, \"samples_per_s\": %.0f, \"dense_gemm_replay_s\": %.3f, \"dense_gemm_replay_cpu_s\": %.3f, \"dense_gemm_over_epoch\": %.2f, \"peak_rss_mb\": %.1f}",
            architecture.sizesDescription, settings.batchSize, settings.threads,
            settings.skipBlankInputs ? "yes" : "no", settings.augmentation?.kind.rawValue ?? "none",
            trainer.state.history[0].seconds, median, times[0],
            times.map { String(format: "%.3f", $0) }.joined(separator: ", "),
            cpuPerEpoch, Double(data.train.count) / median, gemm, gemmCPU, gemm / median, peakResidentMegabytes()))
}

/// The seconds one epoch's matrix products take alone: the same shapes and transposes as
/// training (forward x·Wᵀ; backward dzᵀ·x into a buffer with beta = μ; dz·W except for the first
/// layer), on preallocated buffers, median of 3 replays.
func gemmReplaySeconds(sizes: [Int], batch: Int, count: Int) -> Double {
    let widest = sizes.max() ?? 1
    let weights = (1..<sizes.count).map { [Float](repeating: 0.01, count: sizes[$0] * sizes[$0 - 1]) }
    var grads = weights
    var a = (0..<sizes.count).map { [Float](repeating: 0.5, count: batch * sizes[$0]) }
    let d = [Float](repeating: 0.1, count: batch * widest)
    var dx = d
    func step(_ rows: Int) {
        for l in 1..<sizes.count {
            let (n, k) = (sizes[l], sizes[l - 1])
            let input = a[l - 1]
            a[l].withUnsafeMutableBufferPointer { out in
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(k),
                    1, input, Int32(k), weights[l - 1], Int32(k), 0, out.baseAddress, Int32(n))
            }
        }
        for l in stride(from: sizes.count - 1, through: 1, by: -1) {
            let (n, k) = (sizes[l], sizes[l - 1])
            grads[l - 1].withUnsafeMutableBufferPointer { g in
                cblas_sgemm(
                    CblasRowMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(k), Int32(rows),
                    1, d, Int32(n), a[l - 1], Int32(k), 0.9, g.baseAddress, Int32(k))
            }
            if l > 1 {
                dx.withUnsafeMutableBufferPointer { out in
                    cblas_sgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(k), Int32(n),
                        1, d, Int32(n), weights[l - 1], Int32(k), 0, out.baseAddress, Int32(k))
                }
            }
        }
    }
    for _ in 0..<20 { step(batch) }
    var times: [Double] = []
    for _ in 0..<3 {
        let start = Date()
        for _ in 0..<(count / batch) { step(batch) }
        if count % batch > 0 { step(count % batch) }
        times.append(Date().timeIntervalSince(start))
    }
    return times.sorted()[1]
}

/// FNV-1a hash of the values' bit patterns: equal hashes mean (almost surely) identical weights.
func fingerprint(_ values: [Float]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for value in values {
        hash = (hash ^ UInt64(value.bitPattern)) &* 0x100_0000_01b3
    }
    return hash
}

/// User + system CPU seconds of this process so far (all threads).
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Peak resident memory of this process in MB (VmHWM from /proc/self/status; 0 if unknown).
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kb / 1024
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// MNIST's training and test splits from `$MNIST_DIR` (default `data/mnist`), through the IDX
/// module's loader.
func loadMNISTForBenchmark() throws -> (train: Examples, test: Examples) {
    let directory = ProcessInfo.processInfo.environment["MNIST_DIR"] ?? "data/mnist"
    let train = try MNISTDataset(directory: directory, split: .train)
    let test = try MNISTDataset(directory: directory, split: .test)
    return (
        Examples(images: train.images, labels: train.labels),
        Examples(images: test.images, labels: test.labels)
    )
}
