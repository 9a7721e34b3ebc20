import Foundation
import PackagePlugin

/// Writes `BuildCommit.swift`, holding `let buildCommit = "<commit>"`, into the target before
/// every build: the abbreviated commit of the package's git checkout (`-dirty` when files differ
/// from it), or "" when the package is not the top of a git checkout or git is missing.
///
/// It runs `/bin/sh` (no tool to compile), and replaces the file only when the commit changed, so
/// that an unchanged checkout does not recompile the target.
@main
struct GitCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
        let file = output.appending(path: "BuildCommit.swift")
        let script = """
            mkdir -p "$1" || exit 0
            commit=$(git -C "$2" rev-parse --short=12 HEAD 2>/dev/null) || commit=""
            # Only the package's own checkout counts, not a repository it happens to sit in.
            top=$(git -C "$2" rev-parse --show-toplevel 2>/dev/null) || top=""
            if [ -z "$top" ] || [ "$(cd "$top" && pwd -P)" != "$(cd "$2" && pwd -P)" ]; then commit=""; fi
            if [ -n "$commit" ] && [ -n "$(git -C "$2" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
              commit="$commit-dirty"
            fi
            text="/// The commit digits was built from (\\"\\" when unknown), written by the GitCommit plugin.
            let buildCommit = \\"$commit\\""
            if [ "$(cat "$3" 2>/dev/null)" != "$text" ]; then printf '%s\\n' "$text" > "$3"; fi
            """
        return [
            .prebuildCommand(
                displayName: "GitCommit: the commit of \(context.package.displayName)",
                executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script, "sh", output.path(), context.package.directoryURL.path(), file.path()],
                outputFilesDirectory: output)
        ]
    }
}
