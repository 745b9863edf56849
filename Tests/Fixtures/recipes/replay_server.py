#!/usr/bin/env python3
"""Replays written API answers on 127.0.0.1, for the recipe tests (AttestRecipeTests).

    replay_server.py ROUTES.json [--authorization "Bearer TOKEN"]

ROUTES.json maps "PATH" or "PATH?QUERY" to {"status": N, "body": <JSON>}; a request whose
path and query match no route is answered 404. With --authorization, a request without exactly
that Authorization header is answered 401, as the real API would. The server listens on an
ephemeral port, prints it on the first line of stdout, and serves until it is terminated.
Only GET is served; nothing is written anywhere.
"""
import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("routes")
    parser.add_argument("--authorization")
    options = parser.parse_args()
    with open(options.routes, encoding="utf-8") as handle:
        routes = json.load(handle)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if options.authorization and self.headers.get("Authorization") != options.authorization:
                return self.answer(401, {"message": "Requires authentication"})
            route = routes.get(self.path) or routes.get(self.path.split("?", 1)[0])
            if route is None:
                return self.answer(404, {"message": "Not Found", "path": self.path})
            self.answer(route.get("status", 200), route["body"])

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
