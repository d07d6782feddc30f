/**
 * Thin SVD A = U·diag(S)·Vᵀ of a row-major m × n matrix by one-sided Jacobi (Hestenes 1958):
 * pairs of columns are rotated until all are mutually orthogonal, then the column norms are the
 * singular values. It works on A's columns (or Aᵀ's when m < n), never forms AᵀA, and so keeps full
 * relative accuracy. S is descending; U is m × r and V is n × r (column-major as arrays of columns),
 * r = min(m, n).
 */
export function svdJacobi(
  A: Float64Array,
  m: number,
  n: number,
): { U: Float64Array[]; S: number[]; V: Float64Array[] } {
  const transposed = m < n;
  const rows = transposed ? n : m; // length of each column being orthogonalised
  const cols = transposed ? m : n;
  const W: Float64Array[] = [];
  for (let j = 0; j < cols; j++) {
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) col[i] = transposed ? A[j * n + i] : A[i * n + j];
    W.push(col);
  }
  const V: Float64Array[] = Array.from({ length: cols }, (_, j) => {
    const e = new Float64Array(cols);
    e[j] = 1;
    return e;
  });
  const eps = 1e-15;
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++) {
      for (let q = p + 1; q < cols; q++) {
        const a = W[p];
        const b = W[q];
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < rows; i++) {
          alpha += a[i] * a[i];
          beta += b[i] * b[i];
          gamma += a[i] * b[i];
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < rows; i++) {
          const x = a[i];
          const y = b[i];
          a[i] = c * x - s * y;
          b[i] = s * x + c * y;
        }
        const va = V[p];
        const vb = V[q];
        for (let i = 0; i < cols; i++) {
          const x = va[i];
          const y = vb[i];
          va[i] = c * x - s * y;
          vb[i] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const sigma = W.map((w) => Math.sqrt(w.reduce((acc, v) => acc + v * v, 0)));
  const order = sigma.map((_, j) => j).sort((x, y) => sigma[y] - sigma[x] || x - y);
  const S = order.map((j) => sigma[j]);
  // Left vectors: the normalised rotated columns (zero for a zero singular value).
  const left = order.map((j) => W[j].map((v) => (sigma[j] > 0 ? v / sigma[j] : 0)));
  const right = order.map((j) => V[j]);
  return transposed ? { U: right, S, V: left } : { U: left, S, V: right };
}
