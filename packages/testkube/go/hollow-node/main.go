// hollow-node runs the real kubelet (k8s.io/kubernetes/pkg/kubelet, started through
// cmd/kubelet/app RunKubelet) with a fake container runtime, exactly as kubemark's hollow node
// does (cmd/kubemark/app/hollow_node.go run(), pkg/kubemark/hollow_kubelet.go): the fake CRI
// server from k8s.io/cri-client/pkg/fake on a unix socket, cadvisortest.Fake and
// cm.NewStubContainerManager(). No containers, cgroups or root are needed, but everything the
// kubelet does with the API server is real: node registration, leases, node status, mirror Pods
// for the static Pods in --static-pod-path, Pod status, and the kubelet's HTTPS server
// (/pods, /configz, /healthz) behind its real authentication and authorization.
//
// On top of kubemark's configuration it changes only what a test harness must own:
//   - every address is loopback: the server binds 127.0.0.1, --node-ip is 127.0.0.1, and the
//     read-only port and the healthz port are off;
//   - the static Pod path, the root directory, the file check period and the serving certificate
//     come from flags;
//   - the kubelet's server authenticates clients by x509 (--client-ca) and webhook, and authorizes
//     them by webhook (SubjectAccessReview), as cmd/kubelet/app/server.go run() wires BuildAuth;
//   - /configz is registered as run() does (initConfigz), because RunKubelet alone does not.
//
// Note: the kubelet refuses a loopback --node-ip when it sets the Node's addresses
// (pkg/kubelet/kubelet_node_status.go validateNodeIP: "nodeIP can't be loopback address"), so it
// never writes status.addresses; the harness sets InternalIP 127.0.0.1 itself. Setting --node-ip
// still matters: without it the kubelet would resolve the node name through DNS and fall back to
// the machine's own address.
//
// Usage: hollow-node --name NODE --kubeconfig FILE --root-dir DIR --static-pod-path DIR
//
//	--port N --tls-cert-file F --tls-private-key-file F --client-ca-file F
//	[--node-labels k=v,...] [--register-with-taints k=v:Effect,...] [--file-check-frequency 1s]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
	clientset "k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/component-base/configz"
	remote "k8s.io/cri-client/pkg"
	fakeremote "k8s.io/cri-client/pkg/fake"
	"k8s.io/klog/v2"
	kubeletconfigv1beta1 "k8s.io/kubelet/config/v1beta1"
	kubeletapp "k8s.io/kubernetes/cmd/kubelet/app"
	kubeletconfig "k8s.io/kubernetes/pkg/kubelet/apis/config"
	kubeletscheme "k8s.io/kubernetes/pkg/kubelet/apis/config/scheme"
	cadvisortest "k8s.io/kubernetes/pkg/kubelet/cadvisor/testing"
	"k8s.io/kubernetes/pkg/kubelet/cm"
	"k8s.io/kubernetes/pkg/kubemark"
	utilflag "k8s.io/kubernetes/pkg/util/flag"
)

type options struct {
	name, kubeconfig, rootDir, staticPodPath string
	tlsCert, tlsKey, clientCA                string
	port                                     int
	fileCheckFrequency                       time.Duration
	labels                                   string
	taints                                   []v1.Taint
}

func parseFlags() (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("hollow-node", flag.ContinueOnError)
	klog.InitFlags(fs)
	fs.StringVar(&o.name, "name", "", "node name")
	fs.StringVar(&o.kubeconfig, "kubeconfig", "", "kubeconfig with the node's client certificate")
	fs.StringVar(&o.rootDir, "root-dir", "", "the kubelet's --root-dir (also holds the CRI socket and pod logs)")
	fs.StringVar(&o.staticPodPath, "static-pod-path", "", "the kubelet's staticPodPath")
	fs.IntVar(&o.port, "port", 0, "port of the kubelet's HTTPS server on 127.0.0.1")
	fs.StringVar(&o.tlsCert, "tls-cert-file", "", "serving certificate of the kubelet's server")
	fs.StringVar(&o.tlsKey, "tls-private-key-file", "", "key of the serving certificate")
	fs.StringVar(&o.clientCA, "client-ca-file", "", "CA that signs client certificates the kubelet's server accepts")
	fs.DurationVar(&o.fileCheckFrequency, "file-check-frequency", time.Second, "the kubelet's fileCheckFrequency")
	fs.StringVar(&o.labels, "node-labels", "", "labels the kubelet registers the node with (k=v,...)")
	fs.Var(utilflag.RegisterWithTaintsVar{Value: &o.taints}, "register-with-taints", "taints the kubelet registers the node with (k=v:Effect,...)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return nil, err
	}
	for flagName, v := range map[string]string{
		"name": o.name, "kubeconfig": o.kubeconfig, "root-dir": o.rootDir, "static-pod-path": o.staticPodPath,
		"tls-cert-file": o.tlsCert, "tls-private-key-file": o.tlsKey, "client-ca-file": o.clientCA,
	} {
		if v == "" {
			return nil, fmt.Errorf("--%s is required", flagName)
		}
	}
	if o.port <= 0 {
		return nil, fmt.Errorf("--port is required")
	}
	return o, nil
}

func parseLabels(s string) (map[string]string, error) {
	labels := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		if kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("--node-labels: %q is not key=value", kv)
		}
		labels[k] = v
	}
	return labels, nil
}

// setConfigz registers the effective configuration under /configz as the kubelet's
// cmd/kubelet/app/server.go initConfigz does: converted to kubelet.config.k8s.io/v1beta1.
func setConfigz(c *kubeletconfig.KubeletConfiguration) error {
	scheme, _, err := kubeletscheme.NewSchemeAndCodecs()
	if err != nil {
		return err
	}
	versioned := &kubeletconfigv1beta1.KubeletConfiguration{}
	if err := scheme.Convert(c, versioned, nil); err != nil {
		return err
	}
	versioned.GetObjectKind().SetGroupVersionKind(kubeletconfigv1beta1.SchemeGroupVersion.WithKind("KubeletConfiguration"))
	cz, err := configz.New("kubeletconfig")
	if err != nil {
		return err
	}
	return cz.Set(versioned)
}

func run(ctx context.Context, o *options) error {
	labels, err := parseLabels(o.labels)
	if err != nil {
		return err
	}
	for _, d := range []string{o.rootDir, o.staticPodPath} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	// kubemark makes its root and static-pod directories with os.MkdirTemp; keep them inside ours.
	if err := os.Setenv("TMPDIR", o.rootDir); err != nil {
		return err
	}

	restConfig, err := clientcmd.BuildConfigFromFlags("", o.kubeconfig)
	if err != nil {
		return fmt.Errorf("kubeconfig %s: %w", o.kubeconfig, err)
	}
	restConfig.UserAgent = "hollow-kubelet"
	restConfig.ContentType = "application/vnd.kubernetes.protobuf"
	restConfig.QPS, restConfig.Burst = 50, 100
	client, err := clientset.NewForConfig(restConfig)
	if err != nil {
		return err
	}

	f, c := kubemark.GetHollowKubeletConfig(&kubemark.HollowKubeletOptions{
		NodeName:           o.name,
		KubeletPort:        o.port,
		MaxPods:            110,
		NodeLabels:         labels,
		RegisterWithTaints: o.taints,
	})
	f.RootDirectory = o.rootDir
	f.CertDirectory = filepath.Join(o.rootDir, "pki")
	f.NodeIP = "127.0.0.1"
	c.Address = "127.0.0.1"
	c.ReadOnlyPort = 0
	c.HealthzPort = 0
	c.StaticPodPath = o.staticPodPath
	c.FileCheckFrequency.Duration = o.fileCheckFrequency
	c.PodLogsDir = filepath.Join(o.rootDir, "pod-logs")
	c.TLSCertFile, c.TLSPrivateKeyFile = o.tlsCert, o.tlsKey
	c.Authentication.X509.ClientCAFile = o.clientCA
	c.Authentication.Anonymous.Enabled = false
	c.Authentication.Webhook.Enabled = true
	c.Authorization.Mode = kubeletconfig.KubeletAuthorizationModeWebhook

	// Same timeouts as kubemark's heartbeat client (cmd/kubemark/app/hollow_node.go).
	hb := *restConfig
	hb.Timeout = c.NodeStatusUpdateFrequency.Duration
	if lease := time.Duration(c.NodeLeaseDurationSeconds) * time.Second; hb.Timeout > lease {
		hb.Timeout = lease
	}
	hb.QPS = -1
	heartbeatClient, err := clientset.NewForConfig(&hb)
	if err != nil {
		return err
	}

	endpoint := "unix://" + filepath.Join(o.rootDir, "cri.sock")
	fakeRuntime := fakeremote.NewFakeRemoteRuntime()
	if err := fakeRuntime.Start(endpoint); err != nil {
		return fmt.Errorf("fake CRI runtime: %w", err)
	}
	runtimeService, err := remote.NewRemoteRuntimeServiceBuilder().
		WithEndpoint(endpoint).WithConnectionTimeout(15 * time.Second).Build(ctx)
	if err != nil {
		return fmt.Errorf("CRI runtime client: %w", err)
	}

	hk := kubemark.NewHollowKubelet(f, c, client, heartbeatClient,
		&cadvisortest.Fake{NodeName: o.name}, fakeRuntime.ImageService, runtimeService,
		cm.NewStubContainerManager())

	tlsOptions, err := kubeletapp.InitializeTLS(ctx, f, c)
	if err != nil {
		return fmt.Errorf("kubelet TLS: %w", err)
	}
	hk.KubeletDeps.TLSOptions = tlsOptions
	auth, runCAReload, err := kubeletapp.BuildAuth(types.NodeName(o.name), client, *c)
	if err != nil {
		return fmt.Errorf("kubelet auth: %w", err)
	}
	hk.KubeletDeps.Auth = auth
	runCAReload(ctx.Done())
	if err := setConfigz(c); err != nil {
		return fmt.Errorf("configz: %w", err)
	}

	klog.InfoS("hollow node starting", "node", o.name, "staticPodPath", c.StaticPodPath, "port", c.Port)
	hk.Run(ctx) // blocks; the kubelet exits the process on a fatal error
	return nil
}

func main() {
	o, err := parseFlags()
	if err != nil {
		fmt.Fprintln(os.Stderr, "hollow-node:", err)
		os.Exit(2)
	}
	if err := run(context.Background(), o); err != nil {
		fmt.Fprintln(os.Stderr, "hollow-node:", err)
		os.Exit(1)
	}
}
