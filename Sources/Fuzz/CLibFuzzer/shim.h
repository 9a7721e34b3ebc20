// libFuzzer's driver, for fuzz targets whose `main` is their own (SwiftPM names the entry point
// of an executable target itself, so libFuzzer's `main` cannot be used). Defined in the libFuzzer
// runtime that `-sanitize=fuzzer` links; referenced only when building with -DFUZZING.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
