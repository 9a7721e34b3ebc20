// swift-tools-version: 6.0
//
// digits: a handwritten-digit reader in Swift.
// IDX, Model and Imaging are siblings that know nothing of each other; the commands
// (DigitCommands) and the benchmarks join them.
//   CZlib, CPNG, CBLAS   C libraries, wrapped once at the edge (system-library targets)
//   FileIO               reading whole files with a size cap, atomic replacement of files
//   IDX                  the IDX format (plain or gzip) and the MNIST-layout data set
//   Model                tensors on BLAS, layers, losses, SGD, training, safetensors checkpoint
//   Imaging              PNG decoding/encoding (libpng) and MNIST-style preprocessing
//   Report               SVG charts and picture grids for `digits report`
//   ONNX                 the network as an ONNX graph (a small protobuf writer of its own)
//   Presentation         number formats, the JSON writer and checkpoint facts (CLI and server)
//   Server               `digits serve`: the drawing page and its JSON API (FlyingFox)
//   DigitCommands        the `digits` subcommands, their options and output (no maths: it wires
//                        the modules together)
//   DigitCLI             the `digits` executable: a `main` that runs DigitCommands' root command
//   Benchmarks           `digits-bench`, the timing harness behind scripts/bench-*.sh
//   LoadBenchmark        `digits-bench-load`: MNIST loading time and memory, linking only IDX
import PackageDescription

#if os(Linux)
let blasDependency: [Target.Dependency] = ["CBLAS"]
let blasTargets: [Target] = [
    .systemLibrary(
        name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
        providers: [.apt(["libopenblas-dev"])])
]
#else
let blasDependency: [Target.Dependency] = []
let blasTargets: [Target] = []
#endif

// The numeric kernels (Model) are compiled for this machine's CPU (AVX2/AVX-512 on a recent x86,
// not just the SSE2 of the x86-64 baseline): digits is built where it runs. Set
// DIGITS_PORTABLE=1 to build binaries for other machines of the same architecture.
let nativeCPU: [SwiftSetting] =
    Context.environment["DIGITS_PORTABLE"] == nil ? [.unsafeFlags(["-target-cpu", "native"])] : []

let package = Package(
    name: "digits",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "digits", targets: ["DigitCLI"]),
        .executable(name: "digits-bench", targets: ["Benchmarks"]),
        .executable(name: "digits-bench-load", targets: ["LoadBenchmark"]),
        .library(name: "IDX", targets: ["IDX"]),
        .library(name: "Model", targets: ["Model"]),
        .library(name: "Imaging", targets: ["Imaging"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` (DocC; scripts/docs.sh). A plugin: nothing it
        // holds is linked into digits.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: blasTargets + [
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .systemLibrary(
            name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),

        .target(name: "FileIO"),
        .target(name: "IDX", dependencies: ["CZlib", "FileIO"]),
        .target(
            name: "Model", dependencies: ["FileIO"] + blasDependency, swiftSettings: nativeCPU,
            linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS]))]),
        .target(name: "Imaging", dependencies: ["CPNG", "FileIO"]),
        .target(name: "Report", dependencies: ["Imaging", "Model"]),
        .target(name: "ONNX", dependencies: ["Model"]),
        .target(name: "Presentation", dependencies: ["Model"]),
        .target(
            name: "Server",
            dependencies: ["Imaging", "Model", "Presentation", .product(name: "FlyingFox", package: "FlyingFox")]),
        .target(
            name: "DigitCommands",
            dependencies: [
                "FileIO", "IDX", "Model", "Imaging", "Report", "ONNX", "Presentation", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["GitCommit"]),
        // The executable is a thin `main` calling DigitCommands' root command.
        .executableTarget(name: "DigitCLI", dependencies: ["DigitCommands"]),
        // `digits --version` names the commit it was built from (Plugins/GitCommit).
        .plugin(name: "GitCommit", capability: .buildTool()),

        .executableTarget(
            name: "Benchmarks", dependencies: ["IDX", "Model", "Imaging"],
            path: "Sources/Benchmarks"),
        .executableTarget(name: "LoadBenchmark", dependencies: ["IDX"]),

        // Fuzz targets (scripts/fuzz.sh): libFuzzer entry points when built with -DFUZZING,
        // replayers of saved inputs (Tests/FuzzCorpus) otherwise.
        .systemLibrary(name: "CLibFuzzer", path: "Sources/Fuzz/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", "FileIO"], path: "Sources/Fuzz/FuzzSupport"),
        .executableTarget(
            name: "FuzzSafeTensors", dependencies: ["Model", "FuzzSupport"],
            path: "Sources/Fuzz/FuzzSafeTensors"),
        .executableTarget(
            name: "FuzzIDX", dependencies: ["IDX", "CZlib", "FileIO", "FuzzSupport"],
            path: "Sources/Fuzz/FuzzIDX"),
        .executableTarget(
            name: "FuzzPNG", dependencies: ["Imaging", "CZlib", "FuzzSupport"], path: "Sources/Fuzz/FuzzPNG"),

        .testTarget(name: "FileIOTests", dependencies: ["FileIO"]),
        .testTarget(name: "IDXTests", dependencies: ["IDX"]),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "CZlib"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Model"]),
        .testTarget(name: "ONNXTests", dependencies: ["ONNX", "Model"]),
        .testTarget(name: "DigitCLITests", dependencies: ["IDX", "Imaging", "Model"]),
        .testTarget(
            name: "DigitCommandsTests",
            dependencies: [
                "DigitCommands", "Model", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Imaging", "Model"]),
        .testTarget(name: "PresentationTests", dependencies: ["Presentation"]),
    ]
)
