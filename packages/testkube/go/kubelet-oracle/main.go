// kubelet-oracle runs the kubelet's own static-pod file source
// (k8s.io/kubernetes/pkg/kubelet/config: NewSourceFile feeding a PodConfig, exactly as
// pkg/kubelet/kubelet.go makePodSourceConfig wires it) over one staticPodPath for one node
// name, waits for the first update, and prints as JSON the pods the kubelet would run and
// everything the source logged while reading the path.
//
// It is a test oracle for @staticpods/core: the differential suites compare its output with
// the library's reading of the same directory.
//
// Usage: kubelet-oracle --path DIR_OR_FILE --node NODE_NAME
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/go-logr/logr"
	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/record"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/capabilities"
	"k8s.io/kubernetes/pkg/kubelet/config"
	kubetypes "k8s.io/kubernetes/pkg/kubelet/types"
)

type logEntry struct {
	Level   int               `json:"level"`
	IsError bool              `json:"isError"`
	Msg     string            `json:"msg"`
	Err     string            `json:"err,omitempty"`
	Values  map[string]string `json:"values,omitempty"`
}

// recordingSink is a logr.LogSink that keeps every entry, so the oracle reports exactly what
// the kubelet would have logged (message, error text, key/value pairs).
type recordingSink struct {
	mu      *sync.Mutex
	entries *[]logEntry
	values  []any
}

func (s recordingSink) Init(logr.RuntimeInfo)  {}
func (s recordingSink) Enabled(level int) bool { return level <= 5 }
func (s recordingSink) Info(level int, msg string, kv ...any) {
	s.add(logEntry{Level: level, Msg: msg}, kv)
}
func (s recordingSink) Error(err error, msg string, kv ...any) {
	e := logEntry{IsError: true, Msg: msg}
	if err != nil {
		e.Err = err.Error()
	}
	s.add(e, kv)
}
func (s recordingSink) WithValues(kv ...any) logr.LogSink {
	return recordingSink{mu: s.mu, entries: s.entries, values: append(append([]any{}, s.values...), kv...)}
}
func (s recordingSink) WithName(string) logr.LogSink { return s }

func (s recordingSink) add(e logEntry, kv []any) {
	all := append(append([]any{}, s.values...), kv...)
	if len(all) > 0 {
		e.Values = map[string]string{}
		for i := 0; i+1 < len(all); i += 2 {
			e.Values[fmt.Sprint(all[i])] = fmt.Sprint(all[i+1])
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	*s.entries = append(*s.entries, e)
}

type noopSLIObserver struct{}

func (noopSLIObserver) ObservedPodOnWatch(klog.Logger, *v1.Pod, time.Time) {}

type output struct {
	Pods   []*v1.Pod  `json:"pods"`
	Logs   []logEntry `json:"logs"`
	Events []string   `json:"events"`
}

func main() {
	path := flag.String("path", "", "staticPodPath: a directory or a single manifest file")
	node := flag.String("node", "", "the kubelet's node name")
	timeout := flag.Duration("timeout", 30*time.Second, "how long to wait for the first update")
	flag.Parse()
	if *path == "" || *node == "" {
		fmt.Fprintln(os.Stderr, "usage: kubelet-oracle --path DIR_OR_FILE --node NODE_NAME")
		os.Exit(2)
	}

	// Like cmd/kubelet/app/server.go (run): without this, pod validation refuses privileged
	// containers ("disallowed by cluster policy"), which a real kubelet allows.
	capabilities.Initialize(capabilities.Capabilities{AllowPrivileged: true})

	var mu sync.Mutex
	var entries []logEntry
	logger := logr.New(recordingSink{mu: &mu, entries: &entries})
	ctx, cancel := context.WithTimeout(klog.NewContext(context.Background(), logger), *timeout)
	defer cancel()

	recorder := record.NewFakeRecorder(1000)
	podConfig := config.NewPodConfig(recorder, noopSLIObserver{})
	// A long period: only the immediate first listing runs, like a kubelet that just started.
	config.NewSourceFile(logger, *path, types.NodeName(*node), time.Hour, podConfig.Channel(ctx, kubetypes.FileSource))

	var out output
	select {
	case update := <-podConfig.Updates():
		out.Pods = update.Pods
	case <-ctx.Done():
		fmt.Fprintln(os.Stderr, "kubelet-oracle: no update from the file source before the timeout")
		os.Exit(3)
	}
	// Log lines written after the store was replaced (e.g. "Unable to read config path")
	// arrive from the same goroutine right after; give it a moment.
	time.Sleep(200 * time.Millisecond)

	sort.Slice(out.Pods, func(i, j int) bool { return out.Pods[i].Name < out.Pods[j].Name })
	mu.Lock()
	out.Logs = append([]logEntry{}, entries...)
	mu.Unlock()
	out.Events = []string{}
	for done := false; !done; {
		select {
		case e := <-recorder.Events:
			out.Events = append(out.Events, e)
		default:
			done = true
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
