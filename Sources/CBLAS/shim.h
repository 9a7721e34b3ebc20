// OpenBLAS CBLAS interface (Linux). On macOS the Model module uses Accelerate instead.
#include <cblas.h>
