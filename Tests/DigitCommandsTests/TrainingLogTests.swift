import Testing

@testable import DigitCommands
@testable import Model

/// The words `digits train` prints: the bar's figures, the epoch lines, the first and last lines.
@Suite struct TrainingLogTests {
    @Test func throughputCountsTheBatchesOfThisCallOnly() {
        // 4 of 10 batches of 100 in 2 s: 200 samples/s, 600 samples (3 s) to go.
        let fresh = TrainingLog.throughput(batchesDone: 4, firstBatch: 0, elapsed: 2, batchSize: 100, trainCount: 1000)
        #expect(fresh.rate == 200)
        #expect(fresh.remaining == 3)
        // Resumed at batch 6: the 2 batches done in this call, not the 7 of the epoch.
        let resumed = TrainingLog.throughput(
            batchesDone: 7, firstBatch: 5, elapsed: 1, batchSize: 100, trainCount: 1000)
        #expect(resumed.rate == 200)
        #expect(resumed.remaining == 1.5)
    }

    @Test func throughputOfAShortLastBatchAndOfNoTime() {
        // The last of 10 batches holds 50 images: 950 seen, nothing left.
        let last = TrainingLog.throughput(batchesDone: 10, firstBatch: 0, elapsed: 1, batchSize: 100, trainCount: 950)
        #expect(last.rate == 950)
        #expect(last.remaining == 0)
        let instant = TrainingLog.throughput(batchesDone: 1, firstBatch: 0, elapsed: 0, batchSize: 100, trainCount: 950)
        #expect(instant.rate == 0)
        #expect(instant.remaining == 0)
    }

    @Test func epochLineAlignsTheEpochAndRoundsEachFigure() {
        let stats = EpochStatistics(
            epoch: 3, loss: 0.123_44, trainAccuracy: 0.965, validationAccuracy: 0.971, seconds: 4.214,
            samplesPerSecond: 12_345.4, learningRate: 0.1)
        #expect(
            TrainingLog.epochLine(stats, epochs: 18)
                == "epoch  3/18  loss 0.1234  train 96.50%  validation 97.10%  4.21 s  12,345 samples/s")
        var unvalidated = stats
        unvalidated.validationAccuracy = nil
        #expect(
            TrainingLog.epochLine(unvalidated, epochs: 3)
                == "epoch 3/3  loss 0.1234  train 96.50%  4.21 s  12,345 samples/s")
    }

    @Test func epochJSONHasTheFieldsInReadingOrderAndNullWithoutValidation() {
        let stats = EpochStatistics(
            epoch: 1, loss: 0.5, trainAccuracy: 0.75, validationAccuracy: nil, seconds: 2,
            samplesPerSecond: 1000, learningRate: 0.1)
        #expect(
            TrainingLog.epochJSON(stats).text
                == #"{"epoch": 1, "loss": 0.5, "train_accuracy": 0.75, "validation_accuracy": null, "#
                + #""seconds": 2, "samples_per_second": 1000}"#)
    }

    @Test func openingLineCountsTheImagesTrainedOnAndHeldOut() {
        var settings = TrainingSettings()
        settings.epochs = 1
        settings.threads = 1
        settings.batchSize = 32
        settings.validationCount = 1000
        let architecture = Architecture(inputSize: 784, hiddenSizes: [16], classCount: 10, activation: .relu)
        #expect(
            TrainingLog.openingLine(architecture, settings: settings, imageCount: 11_000, blas: "BLAS")
                == "training 784-16-10 relu on 11,000 images (10,000 trained on, 1,000 held out), 1 epoch, "
                + "batch 32, 1 thread, BLAS")
    }

    @Test func threadsNoteOnlyForMoreThreadsThanCores() {
        #expect(TrainingLog.threadsNote(threads: 2, cores: 2) == nil)
        #expect(
            TrainingLog.threadsNote(threads: 4, cores: 2)
                == "note: 4 threads on 2 cores: more threads than cores only slows training down")
    }

    @Test func closingLineNamesTheBestEpochOrTheLastWeights() {
        var progress = TrainingProgress(epochStartRandom: RandomState(seed: 0))
        progress.bestValidationAccuracy = 0.9912
        progress.bestEpoch = 17
        #expect(
            TrainingLog.closingLine(path: "m.safetensors", progress: progress, temperature: 1.25)
                == "saved m.safetensors: best validation accuracy 99.12% after epoch 17, temperature 1.250; "
                + "evaluate it with `digits evaluate --model m.safetensors`")
        #expect(
            TrainingLog.closingLine(path: "m.safetensors", progress: progress, temperature: 1.25, keep: .last)
                .hasPrefix(
                    "saved m.safetensors: the last epoch's weights, validation accuracy 99.12%, temperature 1.250;"))
        progress.bestValidationAccuracy = -1
        #expect(
            TrainingLog.closingLine(path: "m.safetensors", progress: progress, temperature: 1)
                .hasPrefix("saved m.safetensors: no validation split: the last epoch's weights;"))
    }

    @Test func nonFiniteLossMessageSaysWhereWhatWasKeptAndWhatToTry() {
        #expect(
            TrainingLog.nonFiniteLossMessage(epoch: 2, batch: 40, kept: "no checkpoint was written", learningRate: 9)
                == "the loss became NaN or infinite in epoch 2, batch 40: training stopped and no checkpoint "
                + "was written; try a lower --learning-rate (the peak rate was 9.0)")
    }
}
