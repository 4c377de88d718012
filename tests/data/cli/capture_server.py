#!/usr/bin/env python3
"""Serves the JSON fixtures in server/ like a kube-apiserver, so that kubectl's exact output for
them can be captured into golden files (see capture.sh). Not used by the tests themselves.

A request for PATH is answered from server/<PATH with '/' -> '_'>.json; when the client asks for
a Table (Accept contains as=Table) and server/<name>.table.json exists, that file is served."""
import json, os, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "server")

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.command, self.path))

    def send_json(self, code, body):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlsplit(self.path)
        name = url.path.strip("/").replace("/", "_") or "root"
        accept = self.headers.get("Accept", "")
        candidates = []
        if "as=Table" in accept:
            candidates.append(name + ".table.json")
        candidates.append(name + ".json")
        for c in candidates:
            p = os.path.join(ROOT, c)
            if os.path.exists(p):
                with open(p, "rb") as f:
                    return self.send_json(200, f.read())
        parts = url.path.strip("/").split("/")
        status = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                  "message": "the server could not find the requested resource",
                  "reason": "NotFound", "details": {}, "code": 404}
        if len(parts) >= 2 and parts[-2] in ("pods", "services", "deployments", "nodes", "namespaces"):
            status["message"] = '%s "%s" not found' % (parts[-2], parts[-1])
            status["details"] = {"name": parts[-1], "kind": parts[-2]}
            if parts[-2] == "deployments":
                status["details"]["group"] = "apps"
        self.send_json(404, json.dumps(status))

if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 18080
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
