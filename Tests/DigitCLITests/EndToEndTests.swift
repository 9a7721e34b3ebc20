import Foundation
import Model
import Testing

/// The whole path through the built `digits`: train on a small synthetic data set, evaluate,
/// export PNGs, classify them, describe the files.
@Suite struct EndToEndTests {
    @Test func trainPrintsOneJSONLinePerEpochAndSummariesOnStderr() throws {
        let (_, run) = try Fixtures.smallModel.get()
        expectSuccess(run)
        let lines = run.outputLines
        #expect(lines.count == 3, "\(run)")
        for (index, line) in lines.enumerated() {
            let object = try jsonObject(line)
            #expect(
                Set(object.keys) == [
                    "epoch", "loss", "train_accuracy", "validation_accuracy", "seconds",
                    "samples_per_second",
                ])
            #expect(object["epoch"] as? Int == index + 1)
            let loss = try #require(object["loss"] as? Double)
            #expect(loss.isFinite && loss >= 0)
            let validation = try #require(object["validation_accuracy"] as? Double)
            #expect((0...1).contains(validation))
        }
        let summaries = run.errorLines.filter { $0.hasPrefix("epoch ") }
        #expect(summaries.count == 3, "\(run)")
        #expect(summaries.first?.contains("loss") == true)
        // stderr is a file, not a terminal: no progress bar, no escape codes, no carriage returns.
        #expect(!run.stderr.contains("\u{1B}"))
        #expect(!run.stderr.contains("\r"))
        #expect(run.errorLines.last?.hasPrefix("saved ") == true, "\(run)")
    }

    @Test func evaluateJSONCountsEveryTestImage() throws {
        let data = try Fixtures.dataSet.get()
        let model = try Fixtures.smallModel.get().path
        let run = try DigitsProcess.run(["evaluate", "--data", data.directory, "--model", model, "--json"])
        expectSuccess(run)
        #expect(run.outputLines.count == 1)
        let object = try jsonObject(run.stdout)
        let accuracy = try #require(object["accuracy"] as? Double)
        #expect(accuracy >= 0.95, "accuracy \(accuracy) on easily separable digits")
        #expect(object["count"] as? Int == data.testLabels.count)

        let confusion = try #require(object["confusion"] as? [[Int]])
        #expect(confusion.count == 10)
        for digit in 0..<10 {
            let expected = data.testLabels.filter { $0 == digit }.count
            #expect(confusion[digit].count == 10)
            #expect(confusion[digit].reduce(0, +) == expected, "row \(digit)")
        }
        let correct = (0..<10).map { confusion[$0][$0] }.reduce(0, +)
        #expect(object["correct"] as? Int == correct)

        // Calibration: the ECE before and after the fitted temperature, and the 15 bins.
        let temperature = try #require(object["temperature"] as? Double)
        #expect(temperature > 0)
        for key in ["ece_before", "ece_after"] {
            let ece = try #require(object[key] as? Double, "\(key) in \(run.stdout.prefix(200))")
            #expect(ece >= 0 && ece <= 1)
        }
        let bins = try #require(object["reliability"] as? [[String: Any]])
        #expect(bins.count == 15)
        #expect(bins.compactMap { $0["count"] as? Int }.reduce(0, +) == data.testLabels.count)

        let perClass = try #require(object["per_class"] as? [[String: Any]])
        #expect(perClass.count == 10)
        for (digit, metrics) in perClass.enumerated() {
            #expect(metrics["digit"] as? Int == digit)
            #expect(metrics["support"] as? Int == data.testLabels.filter { $0 == digit }.count)
        }
    }

    @Test func evaluatePrintsTheTables() throws {
        let data = try Fixtures.dataSet.get()
        let model = try Fixtures.smallModel.get().path
        let run = try DigitsProcess.run(["evaluate", "--data", data.directory, "--model", model])
        expectSuccess(run)
        let lines = run.stdout.components(separatedBy: "\n")
        #expect(lines.first?.hasPrefix("accuracy ") == true, "\(run)")
        #expect(lines.first?.contains("of 200) on the test split") == true, "\(run)")
        #expect(lines.count > 1 && lines[1].hasPrefix("calibration error (ECE, 15 bins) "), "\(run)")
        let header = try #require(lines.firstIndex { $0.hasPrefix("true\\pred") }, "\(run)")
        // Ten rows, one per true digit, each ending in its total.
        for digit in 0..<10 {
            let row = lines[header + 1 + digit].split(separator: " ")
            #expect(row.first == Substring(String(digit)))
            #expect(row.last == Substring(String(data.testLabels.filter { $0 == digit }.count)))
        }
        #expect(run.stdout.contains("digit  precision   recall       f1  support"))
    }

    @Test func exportThenClassifyAgreesWithEvaluatePredictions() throws {
        let data = try Fixtures.dataSet.get()
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("export")
        let out = scratch.file("pngs")
        let predictions = scratch.file("predictions.txt")

        let export = try DigitsProcess.run(["export", "--data", data.directory, "--count", "50", "--out", out])
        expectSuccess(export)
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names.count == 50)
        for (index, name) in names.enumerated() {
            let match = try #require(name.wholeMatch(of: /(\d+)-(\d)\.png/), "\(name)")
            #expect(Int(match.1) == index)
            #expect(Int(match.2) == Int(data.testLabels[index]), "\(name)")
        }

        let evaluate = try DigitsProcess.run(
            ["evaluate", "--data", data.directory, "--model", model, "--predictions", predictions])
        expectSuccess(evaluate)
        let predicted = try String(contentsOfFile: predictions, encoding: .utf8)
            .split(separator: "\n").map { Int($0) }
        #expect(predicted.count == data.testLabels.count)

        let classify = try DigitsProcess.run(["classify", "--model", model, "--raw", "--json", out])
        expectSuccess(classify)
        #expect(classify.outputLines.count == 50)
        for (index, line) in classify.outputLines.enumerated() {
            let object = try jsonObject(line)
            #expect(object["file"] as? String == out + "/" + names[index])
            #expect(object["digit"] as? Int == predicted[index], "image \(index)")
            let probabilities = try #require(object["probabilities"] as? [Double])
            #expect(probabilities.count == 10)
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-4)
        }
    }

    @Test func classifyPrintsDigitConfidenceAndAlternatives() throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("classify")
        let out = scratch.file("pngs")
        let data = try Fixtures.dataSet.get()
        expectSuccess(try DigitsProcess.run(["export", "--data", data.directory, "--count", "3", "--out", out]))
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted().map { out + "/" + $0 }

        let one = try DigitsProcess.run(["classify", "--model", model, "--top", "1", files[0]])
        expectSuccess(one)
        #expect(one.outputLines.count == 1)
        let escaped = NSRegularExpression.escapedPattern(for: files[0])
        // A probability shows as 12.3%, or >99.9% / <0.1% when it would round to a certainty.
        let plain = try Regex("^\(escaped): \\d \\([<>]?\\d{1,3}\\.\\d%\\)$")
        #expect(one.outputLines.first?.wholeMatch(of: plain) != nil, "\(one)")

        let three = try DigitsProcess.run(["classify", "--model", model, "--top", "3"] + files)
        expectSuccess(three)
        #expect(three.outputLines.count == 3)
        let alternatives =
            /^(.+): (\d) \(([<>]?\d{1,3}\.\d)%\)  then (\d) \(([<>]?\d{1,3}\.\d)%\), (\d) \(([<>]?\d{1,3}\.\d)%\)$/
        for (file, line) in zip(files, three.outputLines) {
            let match = try #require(line.wholeMatch(of: alternatives), "\(line)")
            #expect(String(match.1) == file)
            #expect(Set([match.2, match.4, match.6]).count == 3, "three different digits: \(line)")
            let percents = [match.3, match.5, match.7].compactMap { Double($0.filter { $0 != "<" && $0 != ">" }) }
            #expect(percents == percents.sorted(by: >), "most probable first: \(line)")
        }
        #expect(three.stderr.isEmpty, "\(three)")
    }

    @Test func infoDescribesCheckpointsAndIDXFiles() throws {
        let data = try Fixtures.dataSet.get()
        let model = try Fixtures.smallModel.get().path
        let checkpoint = try DigitsProcess.run(["info", model])
        expectSuccess(checkpoint)
        #expect(checkpoint.stdout.contains("\(model): digits checkpoint"), "\(checkpoint)")
        #expect(checkpoint.stdout.contains("784-32-10"), "\(checkpoint)")
        #expect(checkpoint.stdout.contains(#/epochs +3 of 3 done/#), "\(checkpoint)")
        #expect(checkpoint.stdout.contains(#/batch size +32\n/#), "\(checkpoint)")

        let images = data.directory + "/t10k-images-idx3-ubyte.gz"
        let idx = try DigitsProcess.run(["info", images])
        expectSuccess(idx)
        #expect(idx.stdout.contains("\(images): IDX file of u8 values"), "\(idx)")
        #expect(idx.stdout.contains("200 × 28 × 28"), "\(idx)")

        let labels = try DigitsProcess.run(["info", data.directory + "/train-labels-idx1-ubyte"])
        expectSuccess(labels)
        #expect(labels.stdout.contains("dimensions  1000"), "\(labels)")
    }

    @Test func softmaxRegressionTrains() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("softmax")
        let model = scratch.file("softmax.safetensors")
        let run = try DigitsProcess.run(
            [
                "train", "--data", data, "--model", model, "--hidden", "none", "--epochs", "2", "--batch-size", "32",
                "--validation", "100",
            ])
        expectSuccess(run)
        let state = try Checkpoint.load(from: model).state
        #expect(state.best.architecture.hiddenSizes.isEmpty)
        #expect(state.progress.epochsDone == 2)
        #expect(state.progress.bestValidationAccuracy > 0.9)
    }

    @Test func resumingAFinishedRunSaysThereIsNothingToResume() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("finished")
        let model = scratch.file("done.safetensors")
        try FileManager.default.copyItem(atPath: try Fixtures.smallModel.get().path, toPath: model)
        let before = try Scratch.read(model)
        let run = try DigitsProcess.run(["train", "--resume", "--data", data, "--model", model])
        expectCleanFailure(run, naming: model, saying: ["nothing to resume", "3 of 3"])
        #expect(try Scratch.read(model) == before)
    }
}
