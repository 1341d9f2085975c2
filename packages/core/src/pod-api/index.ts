export { checkPodDecodes, type DecodeError, type DecodeOptions } from './decode.js';
export {
  DEFAULT_SCHEDULER_NAME,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  DEFAULT_TERMINATION_MESSAGE_PATH,
  DEFAULT_VOLUME_MODE,
  PROBE_DEFAULTS,
  withPodDefaults,
} from './defaults.js';
export {
  duplicate,
  type FieldError,
  FieldErrorType,
  forbidden,
  formatErrorList,
  GoNamed,
  internalError,
  invalid,
  notFound,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
} from './field-error.js';
export { goQuote } from './go-format.js';
export { defaultPullPolicy, imageTag } from './image-ref.js';
export { pruneUnknownFields } from './prune.js';
export {
  compareQuantities,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_NUMERIC_ERROR,
  QUANTITY_SUFFIX_ERROR,
  type Quantity,
  type QuantityFormat,
  quantityString,
} from './quantity.js';
export { knownPriorityClassValue, stripPodDefaults } from './strip-defaults.js';
export {
  type PodValidationOptions,
  VALIDATION_COVERAGE,
  type ValidationArea,
  type ValidationStatus,
  validatePodCreate,
} from './validate/index.js';
