/// Times loading MNIST (filled in by the IDX work).
func runLoadBenchmark(_ arguments: [String]) throws {}
