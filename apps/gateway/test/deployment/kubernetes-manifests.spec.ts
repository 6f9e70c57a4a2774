/**
 * deploy/k8s: every object is valid against the Kubernetes object schemas (offline, from
 * kubernetes-models), has no field the API does not know, and the objects fit together: the
 * Service, PodDisruptionBudget and HorizontalPodAutoscaler find the Deployment's pods, probes hit
 * /health on the port the gateway listens on, and the credentials come from the Secret.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { type KubeObject, unknownFields, validateObject } from './support/kubernetes-schema.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const DIR = path.join(REPO, 'deploy/k8s');

function load(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path.join(DIR, file), 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS() as KubeObject;
  });
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const objects = files.flatMap((file) => load(file).map((object) => ({ file, object, label: `${file} ${object.kind}/${object.metadata?.name}` })));
const kube = objects.filter((o) => o.object.kind !== 'Kustomization');
const one = (kind: string) => {
  const found = kube.filter((o) => o.object.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]!.object as any;
};

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('holds the objects a replicated deployment needs', () => {
    expect(kube.map((o) => o.object.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Secret', 'Service']);
  });

  it.each(kube.map((o) => [o.label, o.object] as const))('%s is valid against its Kubernetes schema', async (_label, object) => {
    await expect(validateObject(object)).resolves.toBeUndefined();
  });

  it('uses no field the Kubernetes types do not define (a typo would silently drop a setting)', () => {
    expect(unknownFields(kube)).toEqual([]);
  }, 60_000);

  it('the kustomization applies every manifest except the example Secret', () => {
    const kustomization = objects.find((o) => o.object.kind === 'Kustomization')!.object as any;
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => f !== 'kustomization.yaml' && f !== 'secret.example.yaml').sort());
  });

  it('the Service, PDB and HPA select the Deployment’s pods', () => {
    const deployment = one('Deployment');
    const podLabels = deployment.spec.template.metadata.labels;
    const matches = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => podLabels[k] === v);
    expect(matches(deployment.spec.selector.matchLabels)).toBe(true);
    expect(matches(one('Service').spec.selector)).toBe(true);
    expect(matches(one('PodDisruptionBudget').spec.selector.matchLabels)).toBe(true);
    expect(one('HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
  });

  it('probes /health on the port the gateway listens on', () => {
    const deployment = one('Deployment');
    const [container] = deployment.spec.template.spec.containers;
    const port = container.ports.find((p: any) => p.name === 'http');
    expect(String(port.containerPort)).toBe(one('ConfigMap').data.PORT);
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      expect(container[probe].httpGet).toEqual({ path: '/health', port: 'http' });
    }
    expect(one('Service').spec.ports[0].targetPort).toBe('http');
  });

  it('autoscales on CPU from several replicas, and disruptions keep most of them', () => {
    const hpa = one('HorizontalPodAutoscaler');
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics).toContainEqual(expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }));
    // Utilization is a share of the request: without a CPU request the HPA cannot compute it.
    expect(one('Deployment').spec.template.spec.containers[0].resources.requests.cpu).toBeDefined();
    expect(one('Deployment').spec.template.spec.containers[0].resources.limits.memory).toBeDefined();
    const pdb = one('PodDisruptionBudget').spec;
    expect(pdb.maxUnavailable ?? hpa.spec.minReplicas - pdb.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });

  it('reads DATABASE_URL, REDIS_URL and GATEWAY_MASTER_KEY from the Secret, and runs as the image’s non-root user', () => {
    const deployment = one('Deployment');
    const secret = one('Secret');
    const [container] = deployment.spec.template.spec.containers;
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'GATEWAY_MASTER_KEY']) {
      const ref = container.env.find((e: any) => e.name === name)?.valueFrom?.secretKeyRef;
      expect(ref).toEqual({ name: secret.metadata.name, key: name });
      expect(Object.keys(secret.stringData)).toContain(name);
    }
    expect(container.envFrom).toEqual([{ configMapRef: { name: one('ConfigMap').metadata.name } }]);
    expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
  });
});
