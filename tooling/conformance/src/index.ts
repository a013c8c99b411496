/**
 * Reads PyTorch's reference files (`../shared/conformance` by default, or the directory in
 * `GD_CONFORMANCE_DIR`) and compares values with each case's tolerance. Test code only.
 */
export { conformanceDir, loadReference, type ReferenceFile } from './load.js';
export { decodeNumber, decodeTensor, type RefTensor, type DecodedTensor } from './decode.js';
export { parseExpr, parseStatements, PythonSyntaxError, type Expr, type Statement } from './python-expr.js';
export { compareValues, expectClose, type Tolerance, type Comparison } from './compare.js';
