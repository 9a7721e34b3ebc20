// The one place the Model module talks to BLAS: OpenBLAS through CBLAS on Linux, Accelerate on macOS.
#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Whether a matrix operand is read as stored or as its transpose.
enum Transpose {
    case no, yes

    var cblas: CBLAS_TRANSPOSE { self == .no ? CblasNoTrans : CblasTrans }
}

/// Single-precision matrix product `C = alpha · op(A) · op(B) + beta · C`, row-major.
///
/// - `op(A)` is `[m, k]`, `op(B)` is `[k, n]`, `C` is `[m, n]`.
/// - `A` is stored `[m, k]` if `transA == .no`, else `[k, m]` (read transposed, never copied);
///   likewise `B` is stored `[k, n]` or `[n, k]`.
/// - `beta == 0` overwrites `C`; `beta == 1` accumulates into it.
/// - `lda`, `ldb`, `ldc`: the stored row lengths, when an operand is a block of a wider matrix
///   (default: the operand's own width).
@_transparent
func gemm(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float, _ a: UnsafePointer<Float>, lda: Int? = nil, _ b: UnsafePointer<Float>, ldb: Int? = nil,
    beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int? = nil
) {
    let lda = lda ?? (transA == .no ? k : m)
    let ldb = ldb ?? (transB == .no ? n : k)
    cblas_sgemm(
        CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
        alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc ?? n))
}

/// Reference for `gemm`: the same product as three plain loops (slow; for tests).
func gemmReference(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float, _ a: [Float], _ b: [Float], beta: Float, _ c: inout [Float]
) {
    for i in 0..<m {
        for j in 0..<n {
            var sum: Float = 0
            for p in 0..<k {
                let aip = transA == .no ? a[i * k + p] : a[p * m + i]
                let bpj = transB == .no ? b[p * n + j] : b[j * k + p]
                sum += aip * bpj
            }
            c[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * n + j])
        }
    }
}

/// BLAS threading and identification.
public enum BLAS {
    /// Sets the number of threads BLAS uses for matrix products (OpenBLAS); a no-op on macOS,
    /// where Accelerate chooses for itself.
    public static func setThreads(_ count: Int) {
        #if !canImport(Accelerate)
        openblas_set_num_threads(Int32(max(1, count)))
        #endif
    }

    /// The number of threads BLAS uses (1 on macOS, where it is not under our control).
    public static var threads: Int {
        #if canImport(Accelerate)
        return 1
        #else
        return Int(openblas_get_num_threads())
        #endif
    }

    /// A short description of the BLAS library: OpenBLAS's configuration and the CPU kernel it
    /// chose (e.g. "OpenBLAS 0.3.21 ... Haswell"), or "Accelerate".
    public static var description: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        let config = openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS"
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return "\(config) core=\(core)"
        #endif
    }

    /// A one-line summary for people: library, version and kernel, e.g.
    /// "OpenBLAS 0.3.21 (Haswell kernels)" or "Accelerate".
    public static var summary: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        let words = (openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS").split(separator: " ")
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return words.prefix(2).joined(separator: " ") + " (\(core) kernels)"
        #endif
    }
}
