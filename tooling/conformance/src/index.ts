/**
 * Reads PyTorch's reference files (`../shared/conformance` by default, or the directory in
 * `GD_CONFORMANCE_DIR`), evaluates their Python expressions with a suite's bindings, and compares
 * values with each case's tolerance. Test code only; it imports no @gd package (each suite passes
 * its own tensors and functions).
 */
export { conformanceDir, loadReference, type ReferenceFile } from './load.js';
export { decodeNumber, decodeTensor, isRefTensor, type RefTensor, type DecodedTensor } from './decode.js';
export {
  parseExpr,
  parseStatements,
  PythonSyntaxError,
  type Expr,
  type Statement,
  type Target,
  type Clause,
} from './python-expr.js';
export { compareValues, expectClose, EXACT, type Tolerance, type Comparison } from './compare.js';
export { UnsupportedError, OutOfScopeError } from './unsupported.js';
export {
  type Value,
  type Call,
  type Params,
  bind,
  bindNamed,
  sizes,
  camel,
  camelKeys,
  lookup,
  gdArguments,
  callMethod,
} from './call.js';
export { type BinaryOp, type Operators, type OperatorLibrary, torchOperators } from './operators.js';
export {
  type Env,
  type CallSite,
  type Fn,
  type Backend,
  type NamespaceOptions,
  Namespace,
  PyFunction,
  pyFunctions,
  outOfScope,
  UNMAPPED,
  ELLIPSIS,
  evaluate,
  evaluateExpr,
  runStatements,
} from './evaluate.js';
export { isIntExpr, isFloatExpr, usesName } from './expr-queries.js';
export { PYTHON_BUILTINS, PYTHON_MATH } from './builtins.js';
export {
  type Sized,
  UNARY_NAMES,
  REDUCTION_NAMES,
  BINARY_NAMES,
  TORCH_FUNCTIONS,
  TENSOR_METHODS,
  pick,
  torchFunctions,
  creationFunctions,
  callTensorMethod,
} from './signatures.js';
export {
  type GdDType,
  type TensorView,
  type TensorKind,
  type ReferenceTensors,
  gdDType,
  referenceTensors,
} from './reference-tensors.js';
export { type OpsCase, type OpsCaseSuite, checkOpsCase } from './ops-case.js';
export { type TutorialTrainingCase, tutorialTrainingCases } from './tutorial.js';
