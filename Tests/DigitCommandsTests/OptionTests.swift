import ArgumentParser
import Testing

@testable import DigitCommands
@testable import Model

/// The options' parsing and checks, without running a command: what `digits` refuses with exit 2
/// and the settings it makes of what it accepts.
@Suite struct OptionTests {
    /// The usage message `digits` prints for `arguments`, or nil if they parse.
    private func usageError(_ arguments: [String]) -> String? {
        do {
            _ = try Digits.parseAsRoot(arguments)
            return nil
        } catch {
            #expect(Digits.exitCode(for: error) == .validationFailure, "\(arguments) failed otherwise: \(error)")
            return Digits.message(for: error)
        }
    }

    @Test func hiddenTakesWidthsOrNone() throws {
        #expect(try NetworkOptions.parse(["--hidden", " 256, 128 "]).hiddenSizes(.fast) == [256, 128])
        #expect(try NetworkOptions.parse(["--hidden", "none"]).hiddenSizes(.fast) == [])
        #expect(try NetworkOptions.parse([]).hiddenSizes(.accurate) == Preset.accurate.hiddenSizes)
    }

    @Test func badHiddenWidthsAreUsageErrorsNamingTheOption() throws {
        let zero = try #require(usageError(["train", "--hidden", "256,0"]))
        #expect(zero.contains("--hidden takes comma-separated widths from 1 to 65536, or `none`; found '256,0'"))
        let many = Array(repeating: "1", count: Architecture.maximumHiddenLayers + 1).joined(separator: ",")
        let tooMany = try #require(usageError(["train", "--hidden", many]))
        #expect(tooMany.contains("--hidden takes at most 64 hidden layers, found 65"))
    }

    @Test func stepActivationAndOutOfRangeSettingsAreRefused() throws {
        let refusals: [([String], String)] = [
            (["train", "--activation", "step"], "--activation step has no gradient"),
            (["train", "--epochs", "0"], "epochs must be from 1 to 100000, found 0"),
            (["train", "--momentum", "1"], "momentum must be in [0, 1), found 1.0"),
            (["classify", "--top", "11", "a.png"], "--top must be from 1 to 10"),
            (["classify", "--out", "d", "a.png"], "--out is only used with --explain"),
        ]
        for (arguments, message) in refusals {
            #expect(try #require(usageError(arguments)).contains(message), "\(arguments)")
        }
        #expect(usageError(["train", "--epochs", "3", "--hidden", "32"]) == nil)
    }

    @Test func recipeOptionsOverrideThePresetAndCapItsWarmUp() throws {
        let given = try RecipeOptions.parse(["--epochs", "2", "--batch-size", "32", "--schedule", "step"])
        let settings = given.settings(.fast)
        #expect(settings.epochs == 2)
        #expect(settings.batchSize == 32)
        #expect(settings.learningRate == Preset.fast.settings.learningRate)
        // The preset's 1.5 warm-up epochs are at most 15% of a 2-epoch run.
        #expect(settings.warmupEpochs == 0.3)
        // The step schedule's defaults (LearningRateSchedule.defaultStepEvery, defaultStepFactor).
        #expect(settings.schedule == .step(every: 3, factor: 0.1))
        // An explicit warm-up is taken as given (and checked against the run's length).
        #expect(try RecipeOptions.parse(["--epochs", "2", "--warmup", "1"]).settings(.fast).warmupEpochs == 1)
    }

    @Test func distortionOptionsOverrideThePresetsAugmentation() throws {
        let options = try AugmentationOptions.parse(["--augment", "elastic", "--rotation", "5"])
        let augmentation = try #require(options.apply(to: Preset.fast.settings).augmentation)
        #expect(augmentation.kind == .elastic)
        #expect(augmentation.rotationDegrees == 5)
        #expect(augmentation.scale == Augmentation().scale)
    }

    @Test func thePresetsPlainFinalEpochsKeepTheirShareOfAnotherLength() throws {
        func plain(_ recipe: [String], _ distortion: [String] = []) throws -> Int? {
            let options = try AugmentationOptions.parse(distortion)
            return options.apply(to: try RecipeOptions.parse(recipe).settings(options.preset)).augmentation?
                .plainFinalEpochs
        }
        let preset = try #require(Preset.fast.settings.augmentation?.plainFinalEpochs)
        let epochs = Preset.fast.settings.epochs
        #expect(try plain([]) == preset)
        #expect(try plain(["--epochs", "\(epochs * 2)"]) == preset * 2)
        #expect(try plain(["--epochs", "2"]) == Int((Double(preset * 2) / Double(epochs)).rounded()))
        #expect(try plain(["--epochs", "1"]) ?? 0 <= 1)
        // Given explicitly, the count is taken as it is (and checked against the run's length).
        #expect(try plain(["--epochs", "2"], ["--plain-final-epochs", "1"]) == 1)
        let accurate = try #require(Preset.accurate.settings.augmentation?.plainFinalEpochs)
        #expect(try plain([], ["--preset", "accurate"]) == accurate)
    }

    @Test func explicitOptionsAreTheLongOptionsBeforeDoubleDash() {
        let names = explicitOptions(["digits", "train", "--epochs=3", "--seed", "1", "-x", "--", "--hidden"])
        #expect(names == ["epochs", "seed"])
    }

    @Test func spacesAreTrimmedAtBothEndsOnly() {
        #expect("  a b  ".trimmingSpaces() == "a b")
        #expect("   ".trimmingSpaces() == "")
    }
}
