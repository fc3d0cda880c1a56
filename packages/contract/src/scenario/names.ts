/**
 * Kubernetes' name and label rules (apimachinery pkg/util/validation/validation.go), as
 * predicates and the words an error message uses for each.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;

/** IsDNS1123Label: namespaces, workloads, port names, subdomains. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** IsDNS1123Subdomain: Node names. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** IsDNS1035Label: Service names. */
export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

/** IsQualifiedName: label and annotation keys, an optional DNS-1123 subdomain prefix and `/`. */
export function isQualifiedName(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts.length === 2 ? (parts[1] as string) : (parts[0] as string);
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix === '' || !isDns1123Subdomain(prefix)) return false;
  }
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** IsValidLabelValue: empty, or up to 63 alphanumerics, `-`, `_` and `.` between alphanumerics. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** IsValidPortName (IANA_SVC_NAME): container port names and named target ports. */
export function isPortName(value: string): boolean {
  return (
    value.length >= 1 &&
    value.length <= 15 &&
    IANA_SVC_NAME.test(value) &&
    /[a-z]/.test(value) &&
    !value.includes('--') &&
    !value.startsWith('-') &&
    !value.endsWith('-')
  );
}

export const DNS1123_LABEL_RULE =
  'must be a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit';
export const DNS1123_SUBDOMAIN_RULE =
  'must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
export const DNS1035_LABEL_RULE =
  'must be a DNS-1035 label: at most 63 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
export const QUALIFIED_NAME_RULE =
  'must be a qualified name: an optional DNS-1123 subdomain and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
export const LABEL_VALUE_RULE =
  'must be a label value: empty, or at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
export const PORT_NAME_RULE =
  'must be a port name: at most 15 lowercase letters, digits and "-", with at least one letter, no "--", and not starting or ending with "-"';
