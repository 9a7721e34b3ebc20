/// Times training epochs (filled in by the Model work).
func runTrainBenchmark(_ arguments: [String]) throws {}
