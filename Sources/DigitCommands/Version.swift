/// The version of `digits`, printed by `digits --version` and written into exported models.
///
/// The number below is the only place the version is written. To release: bump it here
/// (semantic versioning: the checkpoint or CLI breaking → major, new features → minor, fixes →
/// patch), commit, and tag the commit `v<number>`. The commit is filled in at build time by the
/// `GitCommit` build-tool plugin (`Plugins/GitCommit`): empty outside a git checkout.
enum DigitsVersion {
    /// The release number.
    static let number = "0.1.0"

    /// `number`, followed by the commit it was built from when known, e.g. `0.1.0 (1a2b3c4d5e6f)`;
    /// `-dirty` marks uncommitted changes in the checkout at build time.
    static var description: String {
        buildCommit.isEmpty ? number : "\(number) (\(buildCommit))"
    }
}
