import type { Pod } from 'kubernetes-types/core/v1.js';
import { type FieldError, forbidden, invalid } from '../field-error.js';
import { isObject, type JSONObject, listAt, num, objAt, str } from '../json-util.js';
import { validateContainersOnlyForPod } from './containers.js';
import { validateAppArmorAnnotationsAndFields, validateSeccompAnnotationsAndFields } from './create.js';
import { validateCreateOnly, validateObjectMeta, validatePodSpecificAnnotations } from './meta.js';
import { validatePodSpec } from './spec.js';

export { VALIDATION_COVERAGE, type ValidationArea, type ValidationStatus } from './coverage.js';

/** Settings that `ValidatePodCreate` takes from the process rather than from the Pod. */
export interface PodValidationOptions {
  /**
   * Whether privileged containers are allowed (`capabilities.Get().AllowPrivileged`). The kubelet sets this
   * to true at start-up (`cmd/kubelet/app/server.go`), so the default is true; a process that never
   * initializes capabilities (such as a bare test harness) rejects `privileged: true`.
   */
  readonly allowPrivileged?: boolean;
}

/**
 * A curated subset of `pkg/apis/core/validation/validation.go` `ValidatePodCreate` for a Pod that went through
 * {@link withPodDefaults} and the kubelet's `applyDefaults` (name suffixed, namespace and node name set), with
 * the validation options the kubelet derives (`pkg/api/pod/util.go` `GetValidationOptionsFromPodSpecAndMeta`
 * with no old Pod, 1.37 default feature gates). Errors come in Go's order with Go's exact text; where Go
 * walks a map (labels, resource lists, annotations) Go's order is random and ours is the document order.
 * See `VALIDATION_COVERAGE` for what is checked.
 */
export function validatePodCreate(pod: Pod, options: PodValidationOptions = {}): FieldError[] {
  const obj = pod as unknown as JSONObject;
  const meta = objAt(obj, 'metadata') ?? {};
  const spec = objAt(obj, 'spec') ?? {};
  const errs: FieldError[] = [];
  // validatePodMetadataAndSpec
  validateObjectMeta(meta, errs);
  validatePodSpecificAnnotations(objAt(meta, 'annotations') ?? {}, spec, errs);
  validatePodSpec(spec, { allowPrivileged: options.allowPrivileged ?? true }, errs);
  if (str(spec, 'serviceAccountName') === '') {
    listAt(spec, 'volumes').forEach((vol, i) => {
      const projected = isObject(vol) ? objAt(vol, 'projected') : undefined;
      listAt(projected ?? {}, 'sources').forEach((source, j) => {
        if (isObject(source) && isObject(source.serviceAccountToken)) {
          errs.push(
            forbidden(
              ['spec', 'volumes', i, 'projected', 'sources', j, 'serviceAccountToken'],
              'must not be specified when serviceAccountName is not set',
            ),
          );
        }
      });
    });
  }
  const grace = spec.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace < 0) {
    errs.push(
      invalid(
        ['spec', 'terminationGracePeriodSeconds'],
        num(spec, 'terminationGracePeriodSeconds'),
        'must be greater than or equal to 0',
      ),
    );
  }
  validateContainersOnlyForPod(spec, errs);
  // ValidatePodCreate
  validateCreateOnly(spec, errs);
  validateSeccompAnnotationsAndFields(meta, spec, errs);
  validateAppArmorAnnotationsAndFields(meta, spec, errs);
  return errs;
}
