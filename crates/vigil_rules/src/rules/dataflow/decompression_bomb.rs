use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports compressed data and archives from untrusted input expanded
    /// in full, with no bound on the size of what comes out:
    /// `gzip.decompress`, `bz2.decompress`, `lzma.decompress` and
    /// `zlib.decompress` of uploaded or received bytes, `extractall`,
    /// `extract` and `read` of a `zipfile.ZipFile` or `tarfile` archive
    /// opened on an upload, and `shutil.unpack_archive`. Reading in
    /// bounded pieces (`zlib.decompressobj().decompress(data, max_length)`,
    /// `GzipFile.read(n)`) is not reported.
    ///
    /// ## Why is this bad?
    /// Compression ratios of a thousand to one and more are easy to build:
    /// a 10 MB upload can expand to 10 GB. Expanding it whole fills the
    /// server's memory or disk and takes the service down for everyone.
    ///
    /// ## Example
    /// ```python
    /// payload = gzip.decompress(request.get_data())
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// inflater = zlib.decompressobj(wbits=31)
    /// payload = inflater.decompress(request.get_data(), MAX_PAYLOAD)
    /// if inflater.unconsumed_tail:
    ///     abort(413)
    /// ```
    ///
    /// ## References
    /// - CWE-409: Improper Handling of Highly Compressed Data (Data Amplification)
    pub static RULE = {
        name: "decompression-bomb",
        category: Category::Files,
        cwe: &[409],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Expand untrusted compressed data in bounded pieces (`zlib.decompressobj().decompress(data, max_length)`, `read(n)` in a loop) and stop at a size limit; check each archive member's `file_size` and the total before extracting.",
        flow: Flow::new(
            "as compressed data expanded whole",
            "a small input can expand to gigabytes and exhaust memory or disk (decompression bomb)",
        )
        .local_input_by_design(),
    };
}
