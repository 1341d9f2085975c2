// gen-hash-layout prints, as a TypeScript module, the layout of the kubelet's *internal* Pod type
// (k8s.io/kubernetes/pkg/apis/core.Pod) as go-spew sees it: every type reachable from the Pod
// (pointers, slices, maps, structs with their exported and private fields, in declaration order)
// with the type name reflect prints, and for every field the JSON name of the same field of the
// v1 type (k8s.io/api/core/v1.Pod) it is decoded from.
//
// The kubelet's UID of a static Pod is an FNV-128a hash of
// `spew.Sprintf("%#v", pod)` over that internal Pod (pkg/kubelet/config/common.go applyDefaults,
// pkg/util/hash DeepHashObject, k8s.io/utils/dump ForHash), so these tables are what
// @staticpods/core needs to reproduce it (packages/core/src/kubelet/config-hash/).
//
// In Kubernetes 1.37 the conversion from v1 to the internal Pod is a memory copy
// (zz_generated.conversion.go: `*out = *(*core.PodSpec)(unsafe.Pointer(in))`): the two type trees
// have the same fields in the same order. This program checks that, field by field, and fails
// when it does not hold (a kubelet version whose conversion moves fields needs more than a table:
// 1.34–1.36 fail here, their internal PodSpec keeps hostNetwork and friends in its SecurityContext).
//
// Usage (inside a module that requires k8s.io/kubernetes at the wanted version):
//
//	go run . --kubernetes v1.37.2 > layout-1.37.ts
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"

	v1 "k8s.io/api/core/v1"
	core "k8s.io/kubernetes/pkg/apis/core"
)

var unmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

type field struct {
	name string
	typ  int
	// JSON name of the v1 field; "" for an embedded (inlined) struct; nil for a field that is
	// not decoded from JSON (private fields of types with their own UnmarshalJSON).
	json *string
}

type row struct {
	kind   string
	goType string
	elem   int
	key    int
	fields []field
	// The v1 type has its own UnmarshalJSON: the value is not a plain JSON walk.
	custom string
}

type gen struct {
	index map[reflect.Type]int
	pair  map[reflect.Type]reflect.Type
	rows  []*row
}

func (g *gen) fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gen-hash-layout: "+format+"\n", args...)
	os.Exit(1)
}

// add returns the row of internal type t, whose v1 counterpart is v (nil for types that are not
// decoded field by field).
func (g *gen) add(t, v reflect.Type) int {
	if i, ok := g.index[t]; ok {
		// Leaf types (string, int64…) are shared by decoded and private fields; composite types
		// must always come from the same v1 type, or their JSON names would be wrong.
		if p := g.pair[t]; p != v && isComposite(t) && (p != nil || v != nil) {
			g.fail("%s is decoded from both %v and %v", t, p, v)
		}
		return i
	}
	r := &row{kind: t.Kind().String(), goType: t.String(), elem: -1, key: -1}
	i := len(g.rows)
	g.index[t] = i
	g.pair[t] = v
	g.rows = append(g.rows, r)
	if v != nil && v.Kind() != t.Kind() {
		g.fail("%s is a %s but its v1 counterpart %s is a %s", t, t.Kind(), v, v.Kind())
	}
	if v != nil && v.Kind() != reflect.Pointer && reflect.PointerTo(v).Implements(unmarshaler) {
		r.custom = v.String()
		v = nil
	}
	sub := func(get func(reflect.Type) reflect.Type) reflect.Type {
		if v == nil {
			return nil
		}
		return get(v)
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		r.elem = g.add(t.Elem(), sub(reflect.Type.Elem))
	case reflect.Map:
		r.key = g.add(t.Key(), sub(reflect.Type.Key))
		r.elem = g.add(t.Elem(), sub(reflect.Type.Elem))
	case reflect.Struct:
		if v != nil && v.NumField() != t.NumField() {
			g.fail("%s has %d fields, its v1 counterpart %s has %d", t, t.NumField(), v, v.NumField())
		}
		for j := 0; j < t.NumField(); j++ {
			f := t.Field(j)
			out := field{name: f.Name}
			var vt reflect.Type
			if v != nil {
				vf := v.Field(j)
				if vf.Name != f.Name || vf.Anonymous != f.Anonymous {
					g.fail("field %d of %s is %s, of its v1 counterpart %s it is %s", j, t, f.Name, v, vf.Name)
				}
				name, _, _ := strings.Cut(vf.Tag.Get("json"), ",")
				if name == "-" {
					g.fail("%s.%s is not decoded from JSON", v, vf.Name)
				}
				if name == "" && !vf.Anonymous {
					name = vf.Name
				}
				out.json = &name
				vt = vf.Type
			}
			out.typ = g.add(f.Type, vt)
			r.fields = append(r.fields, out)
		}
	case reflect.String, reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
	default:
		g.fail("%s: kind %s is not supported", t, t.Kind())
	}
	return i
}

func isComposite(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map, reflect.Struct:
		return true
	}
	return false
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return "'" + strings.ReplaceAll(strings.Trim(string(b), `"`), "'", `\'`) + "'"
}

func main() {
	version := flag.String("kubernetes", "", "the k8s.io/kubernetes version this program is built against, e.g. v1.37.2")
	flag.Parse()
	if !strings.HasPrefix(*version, "v1.") {
		fmt.Fprintln(os.Stderr, "usage: gen-hash-layout --kubernetes v1.MINOR.PATCH")
		os.Exit(2)
	}
	minor := strings.Join(strings.Split(strings.TrimPrefix(*version, "v"), ".")[:2], ".")
	g := &gen{index: map[reflect.Type]int{}, pair: map[reflect.Type]reflect.Type{}}
	g.add(reflect.TypeOf(&core.Pod{}), reflect.TypeOf(&v1.Pod{}))

	var b strings.Builder
	fmt.Fprintf(&b, "// Generated by packages/core/go/gen-hash-layout (Go reflection over k8s.io/kubernetes %s\n", *version)
	b.WriteString("// pkg/apis/core.Pod and k8s.io/api/core/v1.Pod). Do not edit by hand: run\n")
	b.WriteString("// `node packages/core/scripts/gen-hash-layout.mjs`.\n")
	b.WriteString("//\n")
	b.WriteString("// One row per Go type reachable from *core.Pod, row 0 first:\n")
	b.WriteString("// [reflect kind, type name as reflect prints it, element row, map key row,\n")
	b.WriteString("//  fields as [Go name, type row, v1 JSON name ('' = embedded and inlined, null = not decoded)],\n")
	b.WriteString("//  v1 type with its own UnmarshalJSON ('' when none)].\n\n")
	b.WriteString("import type { HashLayout } from './layout-types.js';\n\n")
	fmt.Fprintf(&b, "export const LAYOUT: HashLayout = {\n  kubernetes: '%s',\n  minor: '%s',\n", *version, minor)
	b.WriteString("  // biome-ignore format: generated table, one Go type per line\n  types: [\n")
	for _, r := range g.rows {
		fs := make([]string, len(r.fields))
		for j, f := range r.fields {
			js := "null"
			if f.json != nil {
				js = quote(*f.json)
			}
			fs[j] = fmt.Sprintf("[%s, %d, %s]", quote(f.name), f.typ, js)
		}
		fmt.Fprintf(&b, "    [%s, %s, %d, %d, [%s], %s],\n", quote(r.kind), quote(r.goType), r.elem, r.key, strings.Join(fs, ", "), quote(r.custom))
	}
	b.WriteString("  ],\n};\n")
	os.Stdout.WriteString(b.String())
}
