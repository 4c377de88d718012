#!/usr/bin/env python3
"""Generates kubeclient's typed kinds and typed clients (clientlib/typed/generated/).

Input: the type maps of @kubernetes/client-node (dist/gen/models/*.js: for every model the
field names, JSON names, types and formats) and the request paths of its stable API classes
(dist/gen/apis/<Group>V<n>Api.js: which group-version serves which resource, with which kind,
list kind and subresources). Only those facts are read: no descriptions, no code.

Output: for every stable group-version one header with the structs (kube::<group>::<version>)
and one or more .cpp files with plain decode/encode functions, plus one typed client class per
group-version and the Clientset. See README.md.
"""

import argparse
import json
import os
import re
import sys
from collections import OrderedDict, defaultdict

KUBERNETES_VERSION = "v1.34"

# Go package of the apimachinery types (k8s.io/apimachinery/pkg/apis/meta/v1): shared by every
# group, so they get their own namespace instead of landing in whichever group uses them first.
META_TYPES = [
    "ObjectMeta", "ListMeta", "OwnerReference", "ManagedFieldsEntry", "LabelSelector",
    "LabelSelectorRequirement", "Condition", "Status", "StatusDetails", "StatusCause",
    "DeleteOptions", "Preconditions", "APIResource", "APIResourceList", "APIGroup",
    "APIGroupList", "APIVersions", "GroupVersionForDiscovery", "ServerAddressByClientCIDR",
    "WatchEvent", "FieldSelectorRequirement",
]

# Kinds that an API class of another group uses as a request or response body; they belong to
# the group named here (deployments/scale returns autoscaling/v1 Scale; pods/eviction takes a
# policy/v1 Eviction).
OWNER_OVERRIDES = {
    "V1Scale": ("autoscaling", "v1"),
    "V1Eviction": ("policy", "v1"),
}

# Resources whose typed client is a hand-written subclass with the kind's subresources.
CLIENT_OVERRIDES = {
    ("core", "v1", "pods"): "::kube::PodClient",
}

CPP_KEYWORDS = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "class", "compl", "concept", "const", "consteval", "constexpr",
    "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype",
    "default", "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export",
    "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long",
    "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
    "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "requires",
    "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
    "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid",
    "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while",
    "xor", "xor_eq",
    # Qt keywords (macros unless QT_NO_KEYWORDS) and names the generated structs use.
    "signals", "slots", "emit", "foreach", "forever", "source", "fromJson", "toJson",
}

MODEL_NAME = re.compile(r"^([A-Z][a-z]+)?V(\d+)((?:alpha|beta)\d+)?([A-Z][A-Za-z0-9]*)$")
TYPE_MAP = re.compile(r"\.attributeTypeMap = (\[.*?\]);", re.S)
ARRAY = re.compile(r"^Array<(.+)>$")
MAP = re.compile(r"^\{ \[key: string\]: (.+); \}$")

# ---------------------------------------------------------------------------------------------
# Input


def load_models(models_dir):
    models = {}
    for file in sorted(os.listdir(models_dir)):
        if not file.endswith(".js"):
            continue
        with open(os.path.join(models_dir, file), encoding="utf-8") as f:
            src = f.read()
        m = TYPE_MAP.search(src)
        if not m:
            continue
        name = file[:-3]
        fields = []
        for a in json.loads(m.group(1)):
            fields.append({"name": a["name"], "json": a["baseName"], "type": a["type"],
                           "format": a["format"]})
        models[name] = fields
    return models


REQUEST_FN = re.compile(r"^    async (\w+)\(([^)]*)\) \{\n(.*?)^    \}", re.S | re.M)
RESPONSE_FN = re.compile(r"^    async (\w+)WithHttpInfo\(response\) \{\n(.*?)^    \}", re.S | re.M)


def load_api(path):
    """Returns [(op, method, path, response type)] of one API class file."""
    with open(path, encoding="utf-8") as f:
        src = f.read()
    responses = {}
    for m in RESPONSE_FN.finditer(src):
        t = re.search(r'ObjectSerializer\.deserialize\([^;]*?, "([^"]+)", ""\)', m.group(2))
        responses[m.group(1)] = t.group(1) if t else None
    ops = []
    for m in REQUEST_FN.finditer(src):
        body = m.group(3)
        p = re.search(r"const localVarPath = '([^']*)'", body)
        meth = re.search(r"makeRequestContext\(localVarPath, HttpMethod\.(\w+)\)", body)
        if not p or not meth:
            continue
        ops.append((m.group(1), meth.group(1), p.group(1), responses.get(m.group(1))))
    return ops


# ---------------------------------------------------------------------------------------------
# Model


class GroupVersion:
    def __init__(self, ns, group, version):
        self.ns = ns  # C++ namespace under kube::
        self.group = group  # API group ("" for core)
        self.version = version
        self.types = []  # model names, in definition order
        self.resources = []

    @property
    def key(self):
        return f"{self.ns}_{self.version}"

    @property
    def api_version(self):
        return self.version if self.group in ("", "meta") else f"{self.group}/{self.version}"

    @property
    def cpp_ns(self):
        return f"::kube::{self.ns}::{self.version}"

    @property
    def client_class(self):
        return self.ns[0].upper() + self.ns[1:] + self.version[0].upper() + self.version[1:] + "Client"


def parse_model_name(name):
    m = MODEL_NAME.match(name)
    if not m:
        return None
    prefix, num, pre, short = m.groups()
    return (prefix, "v" + num + (pre or ""), short)


def field_refs(t):
    """Model names a field type refers to."""
    m = ARRAY.match(t)
    if m:
        return field_refs(m.group(1))
    m = MAP.match(t)
    if m:
        return field_refs(m.group(1))
    if t in ("string", "number", "boolean", "Date", "IntOrString", "any", "V1MicroTime"):
        return []
    return [t]


def group_ns(group):
    return "core" if group == "" else group.split(".")[0]


def lower_camel(name):
    # "CSIDrivers" -> "csiDrivers", "Pods" -> "pods", "APIServices" -> "apiServices"
    i = 0
    while i < len(name) and name[i].isupper():
        i += 1
    if i <= 1:
        return name[:1].lower() + name[1:]
    if i == len(name):
        return name.lower()
    return name[: i - 1].lower() + name[i - 1:]


def member_name(js_name):
    n = js_name.lstrip("_")
    if n in CPP_KEYWORDS:
        n += "_"
    return n


def tarjan(nodes, edges):
    index, low, on_stack, stack, comp = {}, {}, set(), [], {}
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            members = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                members.append(w)
                if w == v:
                    break
            for w in members:
                comp[w] = v
    for v in nodes:
        if v not in index:
            visit(v)
    return comp


class Generator:
    def __init__(self, models, apis):
        self.models = models
        self.gvs = OrderedDict()
        self.owner = {}  # model name -> GroupVersion
        self.apis = apis

    def gv(self, ns, group, version):
        key = f"{ns}_{version}"
        if key not in self.gvs:
            self.gvs[key] = GroupVersion(ns, group, version)
        return self.gvs[key]

    def assign(self, name, gv):
        if name in self.owner or name not in self.models:
            return
        parsed = parse_model_name(name)
        if not parsed or parsed[1] != gv.version:
            raise SystemExit(f"{name}: cannot place in {gv.key}")
        prefix, _, _ = parsed
        if name in OWNER_OVERRIDES:
            ns, version = OWNER_OVERRIDES[name]
            gv = self.gvs[f"{ns}_{version}"]
        elif prefix:
            gv = self.gvs[f"{prefix.lower()}_{gv.version}"]
        elif parsed[2] in META_TYPES:
            gv = self.gvs[f"meta_{gv.version}"]
        self.owner[name] = gv
        # Everything a type refers to is reached from the same group first, unless it is already
        # owned (by meta, core or an earlier group).
        for f in self.models[name]:
            for ref in field_refs(f["type"]):
                if ref in self.models and parse_model_name(ref) and not parse_model_name(ref)[1].startswith(("v1alpha", "v1beta", "v2alpha", "v2beta")):
                    self.assign(ref, gv)

    def collect(self):
        meta = self.gv("meta", "meta", "v1")
        # Group-versions in a stable order: core first (its types are Go's core/v1), then the
        # API classes sorted by name.
        api_gvs = []
        for api_file, ops in self.apis:
            gv = None
            for _, _, path, _ in ops:
                m = re.match(r"^/api/(v\d+)/", path)
                if m:
                    gv = self.gv("core", "", m.group(1))
                    break
                m = re.match(r"^/apis/([^/]+)/(v\d+)/", path)
                if m:
                    gv = self.gv(group_ns(m.group(1)), m.group(1), m.group(2))
                    break
            if gv:
                api_gvs.append((gv, ops))
        api_gvs.sort(key=lambda x: (x[0].ns != "core", x[0].ns, x[0].version))
        # Also make sure every group named by a model prefix or override exists.
        for gv, _ in api_gvs:
            pass
        for name in META_TYPES:
            self.assign("V1" + name, meta)
        for gv, ops in api_gvs:
            self.collect_resources(gv, ops)
        for gv, ops in api_gvs:
            for op, method, path, resp in ops:
                if resp:
                    self.assign(resp, gv)

    def collect_resources(self, gv, ops):
        prefix = "/api/" + gv.version if gv.group == "" else f"/apis/{gv.group}/{gv.version}"
        res = OrderedDict()
        for op, method, path, resp in ops:
            if not path.startswith(prefix + "/"):
                continue
            segs = path[len(prefix) + 1:].split("/")
            if not segs or segs[0] in ("watch", ""):
                continue
            namespaced = False
            if len(segs) > 2 and segs[0] == "namespaces" and segs[1] == "{namespace}":
                namespaced = True
                segs = segs[2:]
            plural = segs[0]
            r = res.setdefault(plural, {"plural": plural, "namespaced": False, "kind": None,
                                        "list": None, "created": None,
                                        "subresources": OrderedDict()})
            if namespaced:
                r["namespaced"] = True
            if len(segs) == 1 and method == "GET" and op.startswith("list"):
                r["list"] = resp
            elif len(segs) == 1 and method == "POST" and op.startswith("create"):
                r["created"] = resp
            elif len(segs) == 2 and segs[1] == "{name}" and method == "GET" and op.startswith("read"):
                r["kind"] = resp
            elif len(segs) == 3 and segs[1] == "{name}" and "{path}" not in path:
                r["subresources"].setdefault(segs[2], set()).add((method, resp))
        for r in res.values():
            if r["kind"] and r["list"]:
                gv.resources.append(r)
            elif not r["kind"] and not r["list"] and r["created"]:
                # Reviews and bindings: the server only creates them (and answers in status).
                r["kind"] = r["created"]
                r["createOnly"] = True
                gv.resources.append(r)

    # -----------------------------------------------------------------------------------------

    def cpp_type(self, t, fmt, owner_name, comp):
        m = ARRAY.match(t)
        if m:
            inner = self.cpp_type(m.group(1), fmt, owner_name, comp)
            return None if inner is None else f"QList<{inner}>"
        m = MAP.match(t)
        if m:
            if m.group(1) == "any":
                return "QJsonObject"
            inner = self.cpp_type(m.group(1), fmt, owner_name, comp)
            return None if inner is None else f"QMap<QString, {inner}>"
        if t in ("string", "Date", "V1MicroTime"):
            return "QString"
        if t == "boolean":
            return "std::optional<bool>"
        if t == "number":
            return {"int32": "std::optional<qint32>", "int64": "std::optional<qint64>"}.get(
                fmt, "std::optional<double>")
        if t == "IntOrString":
            return "std::optional<::kube::IntOrString>"
        if t == "any":
            return "QJsonValue"
        if t not in self.owner:
            raise SystemExit(f"{owner_name}: unknown type {t}")
        if comp.get(t) == comp.get(owner_name):
            return None  # recursive: kept as JSON
        gv = self.owner[t]
        return f"{gv.cpp_ns}::{self.short(t)}"

    def short(self, name):
        return parse_model_name(name)[2]

    def element_type(self, cpp):
        # QList<qint32> elements and QMap values are plain, never optional.
        return cpp.replace("std::optional<qint32>", "qint32").replace(
            "std::optional<qint64>", "qint64").replace("std::optional<double>", "double").replace(
            "std::optional<bool>", "bool").replace("std::optional<::kube::IntOrString>", "::kube::IntOrString")

    def build(self):
        edges = {n: [r for f in self.models[n] for r in field_refs(f["type"]) if r in self.owner]
                 for n in self.owner}
        comp = tarjan(sorted(self.owner), edges)
        self.fields = {}
        for name in sorted(self.owner):
            out = []
            seen = set()
            for f in self.models[name]:
                cpp = self.cpp_type(f["type"], f["format"], name, comp)
                if cpp is None:
                    cpp = "QJsonValue"
                outer_optional = cpp.startswith("std::optional<")
                if not outer_optional:
                    cpp = self.element_type(cpp)
                member = member_name(f["name"])
                if member in seen:
                    raise SystemExit(f"{name}: duplicate member {member}")
                seen.add(member)
                is_struct = cpp.startswith("::kube::") and "IntOrString" not in cpp
                out.append({"member": member, "json": f["json"], "cpp": cpp, "struct": is_struct})
            self.fields[name] = out
        # Definition order inside each group-version (a struct's members must be complete), and
        # include order between group-versions (must be acyclic).
        gv_deps = defaultdict(set)
        for name, gv in self.owner.items():
            for ref in edges[name]:
                if comp.get(ref) != comp.get(name) and self.owner[ref] is not gv:
                    gv_deps[gv.key].add(self.owner[ref].key)
        self.gv_deps = gv_deps
        for gv in self.gvs.values():
            names = sorted(n for n, g in self.owner.items() if g is gv)
            done, order = set(), []

            def visit(n, trail):
                if n in done:
                    return
                if n in trail:
                    raise SystemExit(f"cycle through {n}")
                trail.add(n)
                for r in sorted(set(edges[n])):
                    if self.owner.get(r) is gv and comp.get(r) != comp.get(n):
                        visit(r, trail)
                trail.discard(n)
                done.add(n)
                order.append(n)
            for n in names:
                visit(n, set())
            gv.types = order
            shorts = [self.short(n) for n in order]
            if len(set(shorts)) != len(shorts):
                raise SystemExit(f"{gv.key}: duplicate type names")
        # Group-version include cycles would make the headers uncompilable.
        state = {}

        def check(k):
            if state.get(k) == 1:
                raise SystemExit(f"group-version include cycle through {k}")
            if state.get(k) == 2:
                return
            state[k] = 1
            for d in gv_deps.get(k, ()):
                check(d)
            state[k] = 2
        for k in self.gvs:
            check(k)

    # -----------------------------------------------------------------------------------------
    # Output

    def kind_info(self, name):
        members = {f["member"] for f in self.fields[name]}
        if {"apiVersion", "kind", "metadata"} <= members:
            return self.owner[name].api_version, self.short(name)
        return None

    def header(self, gv):
        out = [HEADER_BANNER, "#pragma once", ""]
        includes = sorted(f'"typed/generated/{d}.h"' for d in self.gv_deps.get(gv.key, ()))
        out += [f"#include {i}" for i in includes]
        out += ['#include "api/intorstring.h"', '#include "api/result.h"',
                '#include "typed/jsoncodec.h"', "", "#include <QJsonObject>",
                "#include <QJsonValue>", "#include <QLatin1String>", "#include <QList>",
                "#include <QMap>", "#include <QString>"]
        # GCC and Clang predefine `linux` as 1 in the GNU dialects (-std=gnu++20, CMake's
        # default for users' projects), which breaks the member of that name; LLVM's Triple.h
        # does the same. It takes the place of a blank line: the header keeps its line count.
        members = {f["member"] for name in gv.types for f in self.fields[name]}
        out += ["#undef linux // predefined by GNU dialects; a Kubernetes field is called linux"
                if "linux" in members else ""]
        out += ["#include <optional>", ""]
        out.append(f"namespace kube::{gv.ns}::{gv.version} {{")
        out.append("")
        for name in gv.types:
            s = self.short(name)
            out.append(f"struct {s}")
            out.append("{")
            for f in self.fields[name]:
                out.append(f"    {f['cpp']} {f['member']};")
            out.append("")
            out.append("    //! The JSON this was decoded from; toJson() keeps the fields not known here.")
            out.append("    QJsonObject source;")
            ki = self.kind_info(name)
            if ki:
                out.append("")
                out.append(f'    static constexpr QLatin1String staticApiVersion {{ "{ki[0]}" }};')
                out.append(f'    static constexpr QLatin1String staticKind {{ "{ki[1]}" }};')
            out.append("")
            out.append(f"    static ::kube::Result<{s}> fromJson(const QJsonObject &object);")
            out.append("    QJsonObject toJson() const;")
            out.append("};")
            out.append(f"bool decodeValue(const QJsonValue &v, {s} &out, const ::kube::detail::JsonPath &path, ::kube::Error &error);")
            out.append(f"inline QJsonValue encodeValue(const {s} &v)")
            out.append("{")
            out.append("    return v.toJson();")
            out.append("}")
            out.append("")
        out.append(f"}} // namespace kube::{gv.ns}::{gv.version}")
        out.append("")
        return "\n".join(out)

    def source_chunks(self, gv, budget):
        chunks, cur, size = [], [], 0
        for name in gv.types:
            cost = 8 + len(self.fields[name])
            if cur and size + cost > budget:
                chunks.append(cur)
                cur, size = [], 0
            cur.append(name)
            size += cost
        if cur:
            chunks.append(cur)
        return chunks

    def source(self, gv, names):
        out = [HEADER_BANNER, f'#include "typed/generated/{gv.key}.h"', "",
               f"namespace kube::{gv.ns}::{gv.version} {{", "",
               "using ::kube::detail::decodeField;", "using ::kube::detail::encodeField;",
               "using ::kube::detail::encodeObjectField;", "using L = QLatin1String;", ""]
        for name in names:
            s = self.short(name)
            fields = self.fields[name]
            out.append(f"bool decodeValue(const QJsonValue &v, {s} &out, const ::kube::detail::JsonPath &path, ::kube::Error &error)")
            out.append("{")
            out.append("    if (!v.isObject())")
            out.append('        return ::kube::detail::typeError(path, "object", v, error);')
            out.append("    out.source = v.toObject();")
            if fields:
                out.append("    const QJsonObject &o = out.source;")
                parts = [f'decodeField(o, L("{f["json"]}"), out.{f["member"]}, path, error)' for f in fields]
                out.append("    return " + "\n        && ".join(parts) + ";")
            else:
                out.append("    Q_UNUSED(path);")
                out.append("    Q_UNUSED(error);")
                out.append("    return true;")
            out.append("}")
            out.append("")
            out.append(f"::kube::Result<{s}> {s}::fromJson(const QJsonObject &object)")
            out.append("{")
            out.append(f"    {s} value;")
            out.append("    ::kube::Error error;")
            out.append("    if (!decodeValue(QJsonValue(object), value, {}, error))")
            out.append("        return error;")
            out.append("    return value;")
            out.append("}")
            out.append("")
            out.append(f"QJsonObject {s}::toJson() const")
            out.append("{")
            out.append("    QJsonObject o = source;")
            for f in fields:
                if f["struct"]:
                    out.append(f'    encodeObjectField(o, L("{f["json"]}"), {f["member"]}.toJson());')
                else:
                    out.append(f'    encodeField(o, L("{f["json"]}"), {f["member"]});')
            out.append("    return o;")
            out.append("}")
            out.append("")
        out.append(f"}} // namespace kube::{gv.ns}::{gv.version}")
        out.append("")
        return "\n".join(out)

    def resource_client(self, gv, r):
        kind = self.short(r["kind"])
        kind_t = f"{self.owner[r['kind']].cpp_ns}::{kind}"
        if r.get("createOnly"):
            return f"::kube::CreateOnlyClient<{kind_t}>"
        lst = self.short(r["list"])
        list_t = f"{self.owner[r['list']].cpp_ns}::{lst}"
        override = CLIENT_OVERRIDES.get((gv.ns, gv.version, r["plural"]))
        if override:
            return override
        if "scale" in r["subresources"]:
            return f"::kube::ScalableClient<{kind_t}, {list_t}>"
        return f"::kube::TypedClient<{kind_t}, {list_t}>"

    def getter_name(self, r):
        kind = self.short(r["kind"])
        plural = r["plural"]
        low = kind.lower()
        i = 0
        while i < min(len(low), len(plural)) and low[i] == plural[i]:
            i += 1
        return lower_camel(kind[:i] + plural[i:])

    def client_header(self, gv):
        out = [HEADER_BANNER, "#pragma once", "", f'#include "typed/generated/{gv.key}.h"']
        kinds_from = sorted({self.owner[r[k]].key for r in gv.resources for k in ("kind", "list") if r[k]} - {gv.key})
        out += [f'#include "typed/generated/{k}.h"' for k in kinds_from]
        out += ['#include "typed/typedclient.h"']
        if any(r.get("createOnly") for r in gv.resources):
            out.append('#include "typed/createonlyclient.h"')
        if any("scale" in r["subresources"] for r in gv.resources):
            out.append('#include "typed/scalableclient.h"')
        if any(CLIENT_OVERRIDES.get((gv.ns, gv.version, r["plural"])) == "::kube::PodClient" for r in gv.resources):
            out.append('#include "typed/podclient.h"')
        out += ["", "#include <memory>", "", "namespace kube {", "", "class DynamicClient;", ""]
        out.append(f"//! The typed clients of {gv.api_version}: one getter per resource.")
        out.append(f"class {gv.client_class}")
        out.append("{")
        out.append("public:")
        out.append(f"    explicit {gv.client_class}(std::shared_ptr<DynamicClient> client);")
        out.append("")
        for r in gv.resources:
            arg = "const QString &ns" if r["namespaced"] else ""
            out.append(f"    {self.resource_client(gv, r)} {self.getter_name(r)}({arg}) const;")
        out += ["", "private:", "    std::shared_ptr<DynamicClient> m_client;", "};", "",
                "} // namespace kube", ""]
        return "\n".join(out)

    def client_source(self, gv):
        out = [HEADER_BANNER, f'#include "typed/generated/{gv.key}_client.h"', "",
               '#include "dynamic/dynamicclient.h"', "", "namespace kube {", ""]
        out.append(f"{gv.client_class}::{gv.client_class}(std::shared_ptr<DynamicClient> client)")
        out.append("    : m_client(std::move(client))")
        out.append("{ }")
        out.append("")
        for r in gv.resources:
            typ = self.resource_client(gv, r)
            arg = "const QString &ns" if r["namespaced"] else ""
            out.append(f"{typ} {gv.client_class}::{self.getter_name(r)}({arg}) const")
            out.append("{")
            gvr = f'{{ QStringLiteral("{gv.group}"), QStringLiteral("{gv.version}"), QStringLiteral("{r["plural"]}") }}'
            scope = "ResourceScope::Namespaced" if r["namespaced"] else "ResourceScope::Cluster"
            out.append(f"    auto resource = m_client->resource({gvr}, {scope});")
            if r["namespaced"]:
                out.append(f"    return {typ}(resource.inNamespace(ns));")
            else:
                out.append(f"    return {typ}(resource);")
            out.append("}")
            out.append("")
        out += ["} // namespace kube", ""]
        return "\n".join(out)

    def clientset_header(self, gvs):
        out = [HEADER_BANNER, "#pragma once", "", '#include "rest/restclientoptions.h"',
               '#include "rest/restconfig.h"', "", "#include <memory>", "", "namespace kube {", "",
               "class DynamicClient;"]
        out += [f"class {gv.client_class};" for gv in gvs]
        out += ["", "/*!",
                " * client-go's Clientset: typed clients for every stable built-in group-version of",
                f" * Kubernetes {KUBERNETES_VERSION}. Cheap to copy (shares one DynamicClient). Include",
                " * the header of the group-version you use (\"typed/generated/core_v1_client.h\").",
                " * \\code",
                " * auto cs = kube::Clientset::create(config);",
                " * auto *reply = cs.coreV1().pods(\"default\").list({});",
                " * \\endcode",
                " */",
                "class Clientset",
                "{",
                "public:",
                "    static Clientset create(const RestConfig &config, const RestClientOptions &options = {});",
                "    explicit Clientset(std::shared_ptr<DynamicClient> client);",
                "",
                "    std::shared_ptr<DynamicClient> dynamicClient() const { return m_client; }",
                ""]
        for gv in gvs:
            out.append(f"    {gv.client_class} {lower_camel(gv.client_class[:-len('Client')])}() const;")
        out += ["", "private:", "    std::shared_ptr<DynamicClient> m_client;", "};", "",
                "} // namespace kube", ""]
        return "\n".join(out)

    def clientset_source(self, gvs):
        out = [HEADER_BANNER, '#include "typed/generated/clientset.h"', ""]
        out += [f'#include "typed/generated/{gv.key}_client.h"' for gv in gvs]
        out += ['#include "dynamic/dynamicclient.h"', "", "namespace kube {", "",
                "Clientset Clientset::create(const RestConfig &config, const RestClientOptions &options)",
                "{",
                "    return Clientset(DynamicClient::create(config, options));",
                "}",
                "",
                "Clientset::Clientset(std::shared_ptr<DynamicClient> client)",
                "    : m_client(std::move(client))",
                "{ }",
                ""]
        for gv in gvs:
            out.append(f"{gv.client_class} Clientset::{lower_camel(gv.client_class[:-len('Client')])}() const")
            out.append("{")
            out.append(f"    return {gv.client_class}(m_client);")
            out.append("}")
            out.append("")
        out += ["} // namespace kube", ""]
        return "\n".join(out)


HEADER_BANNER = ("// Generated by clientlib/typed/codegen/generate.py from the type maps of\n"
                 f"// @kubernetes/client-node (Kubernetes {KUBERNETES_VERSION}). Do not edit; re-run the generator.")


def write(path, text, written):
    written.append(path)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("package", help="unpacked @kubernetes/client-node package (with dist/gen)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "generated"))
    ap.add_argument("--chunk", type=int, default=700, help="approximate fields per .cpp file")
    args = ap.parse_args()

    gen_dir = os.path.join(args.package, "dist", "gen")
    models = load_models(os.path.join(gen_dir, "models"))
    apis = []
    for file in sorted(os.listdir(os.path.join(gen_dir, "apis"))):
        if re.match(r"^[A-Z][A-Za-z]*V\d+Api\.js$", file):
            apis.append((file, load_api(os.path.join(gen_dir, "apis", file))))
    if not models or not apis:
        raise SystemExit("no models or API classes found: is this @kubernetes/client-node?")

    g = Generator(models, apis)
    g.collect()
    g.build()

    out_dir = os.path.normpath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    written = []
    gvs = [gv for gv in g.gvs.values() if gv.types]
    for gv in gvs:
        write(os.path.join(out_dir, f"{gv.key}.h"), g.header(gv), written)
        chunks = g.source_chunks(gv, args.chunk)
        for i, names in enumerate(chunks):
            suffix = "" if len(chunks) == 1 else f"_{i + 1}"
            name = f"{gv.key}{suffix}.cpp"
            write(os.path.join(out_dir, name), g.source(gv, names), written)
    client_gvs = [gv for gv in gvs if gv.resources]
    for gv in client_gvs:
        write(os.path.join(out_dir, f"{gv.key}_client.h"), g.client_header(gv), written)
        write(os.path.join(out_dir, f"{gv.key}_client.cpp"), g.client_source(gv), written)
    write(os.path.join(out_dir, "clientset.h"), g.clientset_header(client_gvs), written)
    write(os.path.join(out_dir, "clientset.cpp"), g.clientset_source(client_gvs), written)
    kind_files = sorted(os.path.basename(p) for p in written if not os.path.basename(p).startswith("clientset") and "_client." not in p)
    client_files = sorted(os.path.basename(p) for p in written if os.path.basename(p).startswith("clientset") or "_client." in p)
    cmake = ["# Generated by clientlib/typed/codegen/generate.py. Do not edit.",
             "# Typed kinds: structs with fromJson()/toJson().",
             "set(KUBE_TYPED_KIND_SOURCES"]
    cmake += [f"    ${{CMAKE_CURRENT_LIST_DIR}}/{s}" for s in kind_files]
    cmake += [")", "# Typed clients and the Clientset.", "set(KUBE_TYPED_CLIENT_SOURCES"]
    cmake += [f"    ${{CMAKE_CURRENT_LIST_DIR}}/{s}" for s in client_files]
    cmake += [")", ""]
    write(os.path.join(out_dir, "sources.cmake"), "\n".join(cmake), written)

    # Stale files from an earlier run (a group-version that went away) are removed.
    keep = {os.path.basename(p) for p in written}
    for f in os.listdir(out_dir):
        if f not in keep and (f.endswith(".h") or f.endswith(".cpp")):
            os.remove(os.path.join(out_dir, f))

    kinds = sum(1 for n in g.owner if g.kind_info(n))
    print(f"{len(gvs)} group-versions, {len(g.owner)} types ({kinds} kinds), "
          f"{sum(len(gv.resources) for gv in client_gvs)} resources, {len(written)} files")


if __name__ == "__main__":
    main()
