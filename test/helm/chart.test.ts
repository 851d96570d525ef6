import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chart, kubeVersions, manifests, render, run, scenarios, schemas, type Manifest } from './tools.js';

const kubeconformArgs = (kube: string) => [
  '-strict',
  '-summary',
  '-kubernetes-version',
  kube,
  // No offline schema of the Prometheus Operator CRD; the ServiceMonitor is covered by the unit suites.
  '-skip',
  'ServiceMonitor',
  '-schema-location',
  join(
    schemas,
    '{{.NormalizedKubernetesVersion}}-local{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json',
  ),
  '-',
];

interface PodSpec {
  automountServiceAccountToken?: boolean;
  securityContext: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
  containers: {
    securityContext: {
      runAsNonRoot?: boolean;
      readOnlyRootFilesystem?: boolean;
      allowPrivilegeEscalation?: boolean;
      capabilities?: { drop?: string[] };
      seccompProfile?: { type: string };
    };
  }[];
}

function podSpecs(all: Manifest[]): [string, PodSpec][] {
  return all.flatMap((m): [string, PodSpec][] => {
    if (m.kind === 'Pod') return [[m.metadata.name, m['spec'] as PodSpec]];
    const spec = m['spec'] as { template?: { spec: PodSpec } } | undefined;
    return spec?.template ? [[`${m.kind}/${m.metadata.name}`, spec.template.spec]] : [];
  });
}

describe('helm/tencent-im-kafka-bridge', () => {
  describe.each(scenarios)('scenario ci/%s', (values) => {
    it.each(kubeVersions)('passes helm lint --strict on Kubernetes %s', (kube) => {
      const lint = run('helm', [
        'lint',
        '--strict',
        '--kube-version',
        kube,
        chart,
        '-f',
        join(chart, 'ci', values),
      ]);
      expect(lint.output).toContain('0 chart(s) failed');
      expect(lint.status).toBe(0);
    });

    it.each(kubeVersions)('renders objects valid against the Kubernetes %s schemas', (kube) => {
      const rendered = render({ values: [values], kube, apis: ['monitoring.coreos.com/v1'] });
      const result = run('kubeconform', kubeconformArgs(kube), rendered);
      expect(result.output).toMatch(/Invalid: 0, Errors: 0/);
      expect(result.output).not.toMatch(/Valid: 0,/);
      expect(result.status).toBe(0);
    });

    it('has no critical kube-score finding', () => {
      // container-image-pull-policy: IfNotPresent is deliberate, see image.pullPolicy in values.yaml.
      const args = ['score', '--kubernetes-version', 'v1.37', '--output-format', 'ci'];
      const result = run(
        'kube-score',
        [...args, '--ignore-test', 'container-image-pull-policy', '-'],
        render({ values: [values] }),
      );
      expect(result.output.split('\n').filter((line) => line.startsWith('[CRITICAL]'))).toEqual([]);
      expect(result.output).toContain('[OK]');
    });

    it('runs every pod under the restricted security profile', () => {
      const pods = podSpecs(manifests(render({ values: [values] })));
      expect(pods.length).toBeGreaterThanOrEqual(2);
      for (const [name, pod] of pods) {
        expect(pod.automountServiceAccountToken, name).toBe(false);
        expect(pod.securityContext.runAsNonRoot, name).toBe(true);
        expect(pod.securityContext.runAsUser, name).toBe(10001);
        for (const c of pod.containers) {
          expect(c.securityContext, name).toMatchObject({
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          });
        }
      }
    });
  });

  it('passes its helm-unittest suites', () => {
    const result = run('untt', ['--strict', '-f', 'unittests/*_test.yaml', chart]);
    expect(result.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(result.output).not.toMatch(/failed/i);
    expect(result.status).toBe(0);
  });

  it('rolls the pods when a setting or a secret changes', () => {
    const checksums = (set: string[]) => {
      const deployment = manifests(render({ values: ['minimal-values.yaml'], set })).find(
        (m) => m.kind === 'Deployment',
      );
      const template = (
        deployment?.['spec'] as { template: { metadata: { annotations: Record<string, string> } } }
      ).template;
      return template.metadata.annotations;
    };
    const base = checksums([]);
    expect(checksums(['bridge.logLevel=debug'])['checksum/config']).not.toBe(base['checksum/config']);
    expect(checksums(['secrets.tencentToken=rotated'])['checksum/secret']).not.toBe(base['checksum/secret']);
    expect(checksums(['podLabels.team=im'])).toEqual(base);
  });

  it('refuses a Kubernetes older than the preStop sleep action needs', () => {
    expect(() => render({ values: ['minimal-values.yaml'], kube: '1.29.9' })).toThrow(/kubeVersion/);
  });

  it('has kubeconform reject an object with an unknown field (the strict check works)', () => {
    const rendered = render({ values: ['minimal-values.yaml'] }).replace(
      'enableServiceLinks: false',
      'enableServiceLinkz: false',
    );
    const result = run('kubeconform', kubeconformArgs('1.37.0'), rendered);
    expect(result.output).toMatch(/enableServiceLinkz/);
    expect(result.status).not.toBe(0);
  });

  it('documents every value in its README', () => {
    const readme = readFileSync(join(chart, 'README.md'), 'utf8');
    const keys = [...readFileSync(join(chart, 'values.yaml'), 'utf8').matchAll(/## @param (\S+)/g)].map(
      (m) => m[1],
    );
    expect(keys.length).toBeGreaterThan(50);
    const rows = new Set([...readme.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1]));
    expect(keys.filter((key) => !rows.has(key))).toEqual([]);
  });
});
