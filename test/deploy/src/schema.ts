import * as clientNode from '@kubernetes/client-node';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import {
  ClusterRole,
  ClusterRoleBinding,
  Role,
  RoleBinding,
} from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { isObject, type Json, type JsonObject } from './patch.ts';

/*
 * Two checks per manifest. kubernetes-models (the API's OpenAPI schemas compiled to validators)
 * checks types, required fields, enums and formats, but lets unknown fields through, as the
 * OpenAPI schemas do; the apiserver refuses those (kubectl's strict field validation), and a
 * typo such as `readOnlyRootFileSystem` would silently drop a protection. So the field names are
 * checked as well, against client-node's generated models (their attribute maps list every field
 * of every API type).
 */

interface Validatable {
  validate(): void;
}
type Model = new (data: never) => Validatable;

const MODELS: Readonly<Record<string, Model>> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
};

interface Attribute {
  baseName: string;
  type: string;
}
type Generated = { getAttributeTypeMap?: () => Attribute[] };
const generated = clientNode as unknown as Record<string, Generated | undefined>;

/** Fields of `value` that its API type (a client-node model name) does not have. */
function unknownFields(value: Json, type: string, path: string): string[] {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    return Array.isArray(value)
      ? value.flatMap((item, index) => unknownFields(item, array[1] ?? 'any', `${path}[${index}]`))
      : [];
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    return isObject(value)
      ? Object.entries(value).flatMap(([key, item]) =>
          unknownFields(item, map[1] ?? 'any', `${path}.${key}`),
        )
      : [];
  }
  const attributes = generated[type]?.getAttributeTypeMap?.();
  if (attributes === undefined || !isObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const attribute = attributes.find((each) => each.baseName === key);
    return attribute === undefined
      ? [`${path}.${key}`]
      : unknownFields(item, attribute.type, `${path}.${key}`);
  });
}

/** Problems of one manifest against the Kubernetes API's schemas; empty when it is valid. */
export function schemaProblems(resource: JsonObject): string[] {
  const key = `${String(resource.apiVersion)}/${String(resource.kind)}`;
  const model = MODELS[key];
  if (model === undefined) return [`${key}: no schema known here (add it to MODELS)`];
  const problems: string[] = [];
  try {
    new model(resource as never).validate();
  } catch (error) {
    problems.push(`${key}: ${(error as Error).message}`);
  }
  const version = String(resource.apiVersion).split('/').at(-1) ?? '';
  const type = `${version.charAt(0).toUpperCase()}${version.slice(1)}${String(resource.kind)}`;
  if (generated[type]?.getAttributeTypeMap === undefined) problems.push(`${key}: no model ${type}`);
  for (const field of unknownFields(resource, type, String(resource.kind))) {
    problems.push(`${key}: unknown field ${field}`);
  }
  return problems;
}
