// Deterministic generator of realistic static Pod manifests for the benchmark: kubeadm-like control
// plane Pods and node agents with probes, volumes, env and resources, about 60 lines each, a few
// with the mistakes the checker reports (secret references, bad ports, duplicate keys).
export function* manifests(count, seed = 42) {
  let s = seed;
  const rand = (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
  const components = [
    'kube-apiserver',
    'etcd',
    'kube-scheduler',
    'node-exporter',
    'keepalived',
    'kube-vip',
    'log-agent',
  ];
  for (let i = 0; i < count; i++) {
    const name = `${components[rand(components.length)]}-${i}`;
    const port = 1024 + rand(60000);
    const mistake = rand(20);
    const lines = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  annotations:',
      `    example.com/generated: "${i}"`,
      '  creationTimestamp: null',
      '  labels:',
      `    component: ${name}`,
      '    tier: control-plane',
      `  name: ${name}`,
      '  namespace: kube-system',
      'spec:',
      '  containers:',
      '  - command:',
      `    - ${name}`,
      `    - --port=${port}`,
      '    - --v=2',
      `    image: registry.k8s.io/${name}:v1.${rand(40)}.${rand(10)}`,
      '    imagePullPolicy: IfNotPresent',
      '    livenessProbe:',
      '      failureThreshold: 8',
      '      httpGet:',
      '        host: 127.0.0.1',
      '        path: /livez',
      `        port: ${mistake === 1 ? 70000 : port}`,
      '        scheme: HTTPS',
      '      initialDelaySeconds: 10',
      '      periodSeconds: 10',
      '      timeoutSeconds: 15',
      `    name: ${name}`,
      '    ports:',
      `    - containerPort: ${port}`,
      '      name: metrics',
      '    resources:',
      '      requests:',
      `        cpu: ${50 + rand(200)}m`,
      `        memory: ${64 + rand(512)}Mi`,
      '    env:',
      '    - name: NODE_NAME',
      '      valueFrom:',
      '        fieldRef:',
      '          fieldPath: spec.nodeName',
      ...(mistake === 2
        ? ['    - name: TOKEN', '      valueFrom:', '        secretKeyRef: {name: token, key: t}']
        : []),
      '    volumeMounts:',
      '    - mountPath: /etc/kubernetes/pki',
      '      name: k8s-certs',
      '      readOnly: true',
      '    - mountPath: /var/lib/data',
      '      name: data',
      '  hostNetwork: true',
      '  priority: 2000001000',
      '  priorityClassName: system-node-critical',
      '  securityContext:',
      '    seccompProfile:',
      '      type: RuntimeDefault',
      '  volumes:',
      '  - hostPath:',
      '      path: /etc/kubernetes/pki',
      '      type: DirectoryOrCreate',
      '    name: k8s-certs',
      '  - hostPath:',
      `      path: /var/lib/${name}`,
      '      type: DirectoryOrCreate',
      '    name: data',
      ...(mistake === 3 ? ['  hostNetwork: false'] : []),
      'status: {}',
      '',
    ];
    yield { name: `${String(i).padStart(5, '0')}-${name}.yaml`, text: lines.join('\n') };
  }
}
