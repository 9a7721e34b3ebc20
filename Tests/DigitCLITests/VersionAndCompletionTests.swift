import Testing

/// `digits --version` and the completion scripts swift-argument-parser generates for each shell.
@Suite struct VersionAndCompletionTests {
    @Test func versionPrintsTheNumberAndExitsZero() throws {
        let run = try DigitsProcess.run(["--version"])
        #expect(run.exitCode == 0, "\(run)")
        let line = try #require(run.outputLines.first)
        // "0.1.0", or "0.1.0 (1a2b3c4d5e6f)" / "(…-dirty)" when built from a git checkout.
        #expect(line.wholeMatch(of: /\d+\.\d+\.\d+( \([0-9a-f]{7,40}(-dirty)?\))?/) != nil, "\(line)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptCompletesFilesByKind(shell: String) throws {
        let run = try DigitsProcess.run(["--generate-completion-script", shell])
        #expect(run.exitCode == 0, "\(run)")
        let script = run.stdout
        for subcommand in ["train", "evaluate", "classify", "export", "info", "report", "export-model"] {
            #expect(script.contains(subcommand), "\(shell): \(subcommand)")
        }
        switch shell {
        case "bash":
            #expect(script.contains("-fX '!*.@(safetensors)'"))
            #expect(script.contains("-o plusdirs -fX '!*.@(png)'"))
            #expect(script.contains("__digits_add_completions -d"))
        case "zsh":
            #expect(script.contains(":file:_files -g '\\''*.safetensors'\\''"))
            #expect(script.contains("_files -g '\\''*.png'\\''"))
            #expect(script.contains("]:dir:_files -/"))
        default:
            #expect(script.contains("*.\\'safetensors\\'") && script.contains("*.\\'png\\'"))
            #expect(script.contains("-l 'data'") && script.contains("-rfa '(__digits_complete_directories)'"))
        }
    }
}
